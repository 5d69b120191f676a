/** A message that something failed, read out by screen readers. */
export function ErrorNote({ message }: { message: string }) {
  return (
    <p class="crm-note is-error" role="alert">
      {message}
    </p>
  );
}

/** A message that something worked. */
export function OkNote({ message }: { message: string }) {
  return (
    <p class="crm-note is-ok" role="status">
      {message}
    </p>
  );
}

/** A neutral hint. */
export function InfoNote({ message }: { message: string }) {
  return <p class="crm-note is-info">{message}</p>;
}
