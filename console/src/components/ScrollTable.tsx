import { Table, type TableProps } from 'antd';

/**
 * A table that may be wider than the page: it scrolls inside a labelled region that can take
 * keyboard focus (so the hidden columns can be reached with the arrow keys — WCAG 2.1.1), rather
 * than in antd's own scroll box, which cannot.
 */
export function ScrollTable<T extends object>({ label, minWidth, ...props }: TableProps<T> & { label: string; minWidth: number }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table<T> {...props} style={{ ...props.style, minWidth }} />
    </div>
  );
}
