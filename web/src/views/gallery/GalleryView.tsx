import { useEffect, useState } from 'react';
import { Account } from '../../components/Account';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { Untrusted } from '../../components/Untrusted';
import type { GalleryResponse, WireGalleryItem } from '../../lib/api';
import { bytes, num, takenAt, utc } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useCaseGeneration } from '../../lib/useApi';
import type { ViewProps } from '../../views';
import { galleryApi } from './data';
import { galleryHref, parseGallery, place } from './state';
import './gallery.css';

const PAGE = 60;

/**
 * Gallery: the images and files of the case, of an account or person (from its dossier), or of a
 * conversation, as a grid of previews the server made (never the seized file itself in the page), each
 * with its file name (text only), the EXIF capture time (the camera's clock) and place where known, and a link to its message in
 * its conversation. Tab moves from tile to tile; Enter on a preview opens its message.
 */
export default function GalleryView({ params }: ViewProps) {
  const s = parseGallery(params);
  const generation = useCaseGeneration();
  const [pages, setPages] = useState<GalleryResponse[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const key = `${s.ref ?? ''}|${s.message ?? ''}|${s.imagesOnly}`;

  const load = (after: number | undefined, signal?: AbortSignal) => {
    setLoading(true);
    return galleryApi
      .page({ ref: s.ref ?? undefined, message: s.message ?? undefined, images: s.imagesOnly ? '1' : '0', after, limit: PAGE }, signal)
      .then(
        (p) => {
          if (signal?.aborted) return;
          setPages((old) => (after === undefined ? [p] : [...old, p]));
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (signal?.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
  };

  useEffect(() => {
    const ac = new AbortController();
    setPages([]);
    void load(undefined, ac.signal);
    return () => ac.abort();
    // a new scope, or a change of the case: from the first page
  }, [key, generation]);

  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  const next = pages.length > 0 ? pages[pages.length - 1]!.nextAfter : null;

  return (
    <div className="view view-gallery" data-testid="gallery">
      <header className="gallery-head">
        <div>
          <h1>Gallery</h1>
          <div className="muted small" data-testid="gallery-scope">
            {first ? <ScopeLine scope={first.scope} /> : null}
          </div>
        </div>
        <div className="gallery-actions">
          {s.ref !== null || s.message !== null ? <Link to={galleryHref({ imagesOnly: s.imagesOnly })}>Whole case</Link> : null}
          <label>
            <input
              type="checkbox"
              checked={s.imagesOnly}
              data-testid="gallery-images-only"
              onChange={(e) => navigate(galleryHref({ ...s, imagesOnly: e.target.checked }), { replace: true })}
            />{' '}
            Images only
          </label>
        </div>
      </header>
      <p className="muted small">
        Previews are made on the server from the files' bytes (JPEG, PNG, GIF (its first frame), WebP and TIFF; a file that is no image, too large or broken has none). The original downloads as a file to
        save; it is never opened in the browser.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {!first && loading ? <Loading what="Loading attachments" /> : null}
      {first && items.length === 0 ? <p data-testid="gallery-empty">No attachments here.</p> : null}
      <ul className="gallery-grid" aria-label="Attachments">
        {items.map((i) => (
          <Tile key={i.id} item={i} />
        ))}
      </ul>
      {next !== null ? (
        <button type="button" className="btn" disabled={loading} onClick={() => void load(next)} data-testid="gallery-more">
          {loading ? 'Loading…' : `More (after ${num(items.length)})`}
        </button>
      ) : null}
    </div>
  );
}

function ScopeLine({ scope }: { scope: GalleryResponse['scope'] }) {
  if (scope.kind === 'case') return <>The whole case</>;
  if (scope.kind === 'thread') return <>One conversation (message {scope.messageId})</>;
  return (
    <>
      Sent or received by{' '}
      {scope.accounts.slice(0, 8).map((a, k) => (
        <span key={a.id}>
          {k > 0 ? ', ' : ''}
          <Account account={a} showRef />
        </span>
      ))}
      {scope.accounts.length > 8 ? ` and ${scope.accounts.length - 8} more` : ''}
    </>
  );
}

function Tile({ item }: { item: WireGalleryItem }) {
  const [failed, setFailed] = useState(false);
  const preview = item.held && item.image && !failed;
  const why = !item.held ? 'the case does not hold the file' : !item.image ? 'not an image' : 'no preview (not a JPEG, PNG, GIF, WebP or TIFF, too large, or broken)';
  const thumb = (
    <div className="gallery-thumb">
      {preview ? (
        <img src={galleryApi.thumbnailUrl(item.id)} loading="lazy" decoding="async" alt={`Preview of ${item.filename}`} onError={() => setFailed(true)} data-testid="gallery-img" />
      ) : (
        <span data-testid="gallery-placeholder">{why}</span>
      )}
    </div>
  );
  return (
    <li className="gallery-tile" data-testid="gallery-item" data-id={item.id}>
      {item.message ? (
        <Link to={`/m/${item.message.id}`} title="Open the message in its conversation" data-testid="gallery-open">
          {thumb}
        </Link>
      ) : (
        thumb
      )}
      <div className="gallery-name" dir="auto" data-testid="gallery-name">
        <Untrusted text={item.filename} />
      </div>
      <div className="gallery-meta">
        <span>
          {item.mime ?? 'unknown type'}
          {item.size !== null ? ` · ${bytes(item.size)}` : ''}
        </span>
        {item.takenAt !== null || item.exif ? (
          <span data-testid="gallery-exif">
            Taken {item.takenAt !== null ? takenAt(item.takenAt) : item.exif && item.exif.ts !== null ? `${utc(item.exif.ts)} UTC` : '(time unknown)'}
            {item.exif ? ` at ${place(item.exif.lat, item.exif.lon)}` : ''}
          </span>
        ) : null}
        {item.message ? (
          <span>
            Sent {utc(item.message.ts)} by <Account account={item.message.sender} />
          </span>
        ) : (
          <span>No message</span>
        )}
      </div>
      <div className="gallery-actions">
        {item.message ? (
          <Link to={`/m/${item.message.id}`} data-testid="gallery-message">
            Message
          </Link>
        ) : null}
        {item.held ? (
          <a href={galleryApi.originalUrl(item.id)} download data-testid="gallery-original">
            Original
          </a>
        ) : null}
      </div>
    </li>
  );
}
