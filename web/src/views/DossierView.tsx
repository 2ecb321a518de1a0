import type { ViewProps } from '../views';

// placeholder while the view is built
export default function DossierView(_props: ViewProps) {
  return (
    <div className="empty">
      <h1>Dossier</h1>
      <p>Being built.</p>
    </div>
  );
}
