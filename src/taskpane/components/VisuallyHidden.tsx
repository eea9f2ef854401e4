import { makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

/** Text for screen readers only: counts behind a badge, the live region's announcements. */
export function VisuallyHidden(props: { children?: ReactNode; id?: string; role?: string; "aria-live"?: "polite" | "assertive"; "aria-atomic"?: boolean }) {
  const s = useStyles();
  const { children, ...rest } = props;
  return (
    <span className={s.hidden} {...rest}>
      {children}
    </span>
  );
}
