// A job's progress as a bar a screen reader reads as a percentage (Export, Allocation). `block`
// is the page's class prefix: the bar is `${block}__bar`, its fill `${block}__fill`.
export function ProgressBar({ block, percent, label }: { block: string; percent: number; label: string }): React.JSX.Element {
  return (
    <div className={`${block}__bar`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
      <div className={`${block}__fill`} style={{ width: `${percent}%` }} />
    </div>
  );
}
