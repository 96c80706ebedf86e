// The title block of a card: a heading the card's section is labelled by, and an optional line.
export function CardHeader(props: { headingId: string; title: string; subtitle?: string; subtitleId?: string }): React.JSX.Element {
  return (
    <div className="card__header">
      <h2 id={props.headingId} className="card__title">
        {props.title}
      </h2>
      {props.subtitle !== undefined && (
        <p className="card__subtitle" id={props.subtitleId}>
          {props.subtitle}
        </p>
      )}
    </div>
  );
}
