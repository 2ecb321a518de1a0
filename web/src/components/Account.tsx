import type { AccountView } from '../lib/api';
import { hue } from '../lib/format';

/**
 * An account as name + reference. Names come from seized phones: `dir="auto"` isolates them so
 * right-to-left names render correctly and bidi control characters cannot reorder the page.
 */
export function Account({ account, showRef = true }: { account: AccountView; showRef?: boolean }) {
  return (
    <span className={`account hue-${hue(account.id) % 12}`} title={account.ref}>
      {account.displayName ? (
        <span className="account-name" dir="auto">
          {account.displayName}
        </span>
      ) : null}
      {showRef || !account.displayName ? (
        <span className="account-ref" dir="ltr">
          {account.ref}
        </span>
      ) : null}
    </span>
  );
}
