// jsdom has no ResizeObserver; Fluent's MessageBar observes its own size to decide on reflow.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { value: NoopResizeObserver, writable: true, configurable: true });
}

export {};
