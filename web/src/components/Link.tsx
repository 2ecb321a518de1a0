import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { navigate, withBase } from '../lib/router';

/** An in-app link: a real <a href> (open in new tab works) that navigates without reloading. */
export function Link({ to, children, replace, ...rest }: { to: string; children: ReactNode; replace?: boolean } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to, { replace });
  };
  return (
    <a {...rest} href={withBase(to)} onClick={onClick}>
      {children}
    </a>
  );
}
