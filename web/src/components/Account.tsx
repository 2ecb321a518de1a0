import type { AccountView } from '../lib/api';
import { hue } from '../lib/format';
import { Link } from './Link';
import { Untrusted } from './Untrusted';

/** The dossier page of an account (the reference URL-encoded as one path segment). */
export function dossierHref(ref: string): string {
  return `/dossier/${encodeURIComponent(ref)}`;
}

/**
 * An account as name + reference. Names come from seized phones: `dir="auto"` isolates them so
 * right-to-left names render correctly and bidi control characters cannot reorder the page.
 * `link` makes it a link to the account's dossier (only where it is not inside another link).
 */
export function Account({ account, showRef = true, link = false }: { account: AccountView; showRef?: boolean; link?: boolean }) {
  const inner = (
    <>
      {(account.label ?? account.displayName) ? (
        <span className="account-name" dir="auto">
          <Untrusted text={(account.label ?? account.displayName)!} />
        </span>
      ) : null}
      {showRef || !(account.label ?? account.displayName) ? (
        <span className="account-ref" dir="ltr">
          <Untrusted text={account.ref} />
        </span>
      ) : null}
    </>
  );
  return link ? (
    <Link to={dossierHref(account.ref)} className={`account account-dossier hue-${hue(account.id) % 12}`} title={`dossier of ${account.ref}`} data-testid="dossier-link">
      {inner}
    </Link>
  ) : (
    <span className={`account hue-${hue(account.id) % 12}`} title={account.ref}>
      {inner}
    </span>
  );
}
