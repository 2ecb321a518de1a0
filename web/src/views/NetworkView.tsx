import type { ViewProps } from '../views';

// placeholder while the view is built
export default function NetworkView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Network</h1>
      <p>Being built.</p>
    </div>
  );
}
