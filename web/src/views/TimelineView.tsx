import type { ViewProps } from '../views';

// placeholder while the view is built
export default function TimelineView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Timeline</h1>
      <p>Being built.</p>
    </div>
  );
}
