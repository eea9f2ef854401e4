/**
 * One proxy per sheet for the whole Excel.run: sheets added in this run are reached through the
 * proxy `add` returned, the rest through getItem. Names compare as Excel compares them.
 */
export class SheetProxies {
  private readonly map = new Map<string, Excel.Worksheet>();
  constructor(private readonly ctx: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.map.get(key);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.map.set(key, ws);
    }
    return ws;
  }

  add(name: string): Excel.Worksheet {
    const ws = this.ctx.workbook.worksheets.add(name);
    this.map.set(name.toLowerCase(), ws);
    return ws;
  }

  getter(name: string): () => Excel.Worksheet {
    return () => this.get(name);
  }
}
