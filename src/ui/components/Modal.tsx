/** A modal dialog over the window; Escape closes it. */
export function Modal({
  labelId,
  onClose,
  role = 'dialog',
  testId,
  children,
}: {
  labelId: string;
  onClose: () => void;
  role?: 'dialog' | 'alertdialog';
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal" role={role} aria-modal="true" aria-labelledby={labelId} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
