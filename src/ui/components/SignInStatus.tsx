/** The line above a sign-in button while a sign-in is under way ("Signed in — connecting…"). */
export function SignInStatus({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="signin-status" role="status" {...(testId ? { 'data-testid': testId } : {})}>
      <span className="spinner spinner-dark" aria-hidden="true" />
      {text}
    </div>
  );
}
