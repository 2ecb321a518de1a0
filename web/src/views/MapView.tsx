import type { ViewProps } from '../views';

// placeholder while the view is built
export default function MapView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Map</h1>
      <p>Being built.</p>
    </div>
  );
}
