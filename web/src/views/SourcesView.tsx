import type { ViewProps } from '../views';

// placeholder while the view is built
export default function SourcesView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Sources</h1>
      <p>Being built.</p>
    </div>
  );
}
