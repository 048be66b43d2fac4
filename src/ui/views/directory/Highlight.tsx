/** Text with the matched range marked. */
export function Highlight({ text, range }: { text: string; range?: { start: number; end: number } | undefined }) {
  if (!range || range.end <= range.start) return <>{text}</>;
  return (
    <>
      {text.slice(0, range.start)}
      <mark className="dir-mark">{text.slice(range.start, range.end)}</mark>
      {text.slice(range.end)}
    </>
  );
}
