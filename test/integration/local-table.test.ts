/**
 * The table DynamoDB Local gets (local/table.ts): the CDK table's keys and indexes without its
 * stream, since nothing local reads one and DynamoDB Local scans every stream record it holds on
 * each request to a table that has one. A table from an older data directory loses its stream.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/lib/storage/table-definition';
import { createTableInput, ensureTable } from '../../local/table';
import { rawDynamoDbClient } from './support/api';

const client = rawDynamoDbClient();
const names: string[] = [];
const nameFor = (label: string) => {
  const name = `localtable${label}${Date.now().toString(36)}${names.length}`;
  names.push(name);
  return name;
};
const describe_ = async (name: string) => (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;

afterAll(async () => {
  for (const name of names) await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  client.destroy();
});

describe('the local table', () => {
  it('is created with the stack\'s keys, indexes and TTL, and no stream', async () => {
    const name = nameFor('new');
    await ensureTable(client, name);
    const table = await describe_(name);
    expect(table.TableStatus).toBe('ACTIVE');
    expect(table.StreamSpecification?.StreamEnabled ?? false).toBe(false);
    expect(table.LatestStreamArn).toBeUndefined();
    expect(table.KeySchema).toEqual([{ AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' }, { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' }]);
    expect((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(tableDefinition.indexes.map((i) => i.indexName).sort());
  });

  it('loses the stream a table from an older data directory was created with, and keeps its items', async () => {
    const name = nameFor('old');
    await client.send(new CreateTableCommand(createTableInput(name, true)));
    expect((await describe_(name)).StreamSpecification?.StreamEnabled).toBe(true);
    const key = { [tableDefinition.partitionKey]: { S: 'PROJECT#P-1' }, [tableDefinition.sortKey]: { S: 'STATE' } };
    await client.send(new PutItemCommand({ TableName: name, Item: { ...key, title: { S: '旧数据' } } }));
    await ensureTable(client, name);
    const table = await describe_(name);
    expect(table.TableStatus).toBe('ACTIVE');
    expect(table.StreamSpecification?.StreamEnabled ?? false).toBe(false);
    expect((await client.send(new GetItemCommand({ TableName: name, Key: key }))).Item?.title).toEqual({ S: '旧数据' });
    // A second start finds nothing to change.
    await ensureTable(client, name);
    expect((await describe_(name)).StreamSpecification?.StreamEnabled ?? false).toBe(false);
  });
});
