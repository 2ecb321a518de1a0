import type { ViewProps } from '../views';

// placeholder while the view is built
export default function IdentityView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Identity</h1>
      <p>Being built.</p>
    </div>
  );
}
