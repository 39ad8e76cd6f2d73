import { Button, Flex, Typography } from 'antd';
import type { CursorList } from '../services/useCursorList';

/** Under a cursor-paged table: how many rows it shows, and a button for the next page while there is one. */
export function ListFooter({ list, count, loadMore }: { list: Pick<CursorList<unknown>, 'hasMore' | 'loadMore' | 'loading'>; count: string; loadMore: string }) {
  return (
    <Flex justify="space-between" align="center">
      <Typography.Text type="secondary">{count}</Typography.Text>
      {list.hasMore && (
        <Button onClick={list.loadMore} loading={list.loading}>
          {loadMore}
        </Button>
      )}
    </Flex>
  );
}
