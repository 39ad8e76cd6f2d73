import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { memo, reference } from '../../schema/fields';

/** The body of every approval (and of a hold's release): the approver may cite a document. */
export const approvalSchema = lazySchema(() =>
  meta(
    z.strictObject({ reference: z.optional(real(reference)), memo: real(memo) }),
    { id: 'Approval', description: 'Approval by a different person than the proposer (four-eyes); the body may be empty' },
  ),
);

export interface ApprovalBody {
  reference?: string | null;
  memo?: string | null;
}

/** What an approval command carries: the proposal (from the path) and the approver's citation. */
export const approvalCommand = <T extends string>(type: T, b: ApprovalBody | undefined, params: { entryId?: string }) => ({
  type,
  proposalEntryId: params.entryId!,
  reference: b?.reference ?? null,
  memo: b?.memo ?? null,
});
