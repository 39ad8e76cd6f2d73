/**
 * A zone, a program or a cluster as people know it: by its name, with its code on hover (lists,
 * alerts and overviews); filters and the registration card show both (ui.nameWithCode).
 */
import { useCatalogNames } from '../services/catalog';

export function CatalogName({ kind, code }: { kind: 'zone' | 'program' | 'cluster'; code: string }) {
  const names = useCatalogNames();
  return (
    <span title={code} data-code={code}>
      {names[kind](code)}
    </span>
  );
}
