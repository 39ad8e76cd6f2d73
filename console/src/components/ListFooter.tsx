import { Button, Flex, Typography } from 'antd';
import type { CursorPages } from '../services/lists';

/** Under a cursor-paged table: how many rows it shows, and a button for the next page while there is one. */
export function ListFooter({ list, count, loadMore }: { list: Pick<CursorPages<unknown>, 'hasMore' | 'loadMore' | 'loadingMore'>; count: string; loadMore: string }) {
  return (
    <Flex justify="space-between" align="center">
      <Typography.Text type="secondary">{count}</Typography.Text>
      {list.hasMore && (
        <Button onClick={list.loadMore} loading={list.loadingMore}>
          {loadMore}
        </Button>
      )}
    </Flex>
  );
}
