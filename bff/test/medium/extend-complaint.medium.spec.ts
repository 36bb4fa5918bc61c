import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComplaintRepository } from '../../src/modules/support/complaint.repository.js';
import { ExtendComplaintUseCase } from '../../src/modules/support/extend-complaint.use-case.js';
import { RecordComplaintOutcomeUseCase } from '../../src/modules/support/record-complaint-outcome.use-case.js';
import { SweepComplaintDeadlinesUseCase } from '../../src/modules/support/sweep-complaint-deadlines.use-case.js';
import { openMedium, type Medium } from '../support/medium.js';
import {
  addComplaint,
  addStaff,
  auditRows,
  clockAhead,
  complaintState,
  openSupport,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * ExtendComplaintUseCase on a real PostgreSQL, on complaints accepted through OpenComplaintUseCase
 * on conversations pushed from WeChat: a recorded extension moves the deadline to 60 days after
 * acceptance, once, with its reason, and clears the reminder so the new deadline gets its own;
 * a second extension, a closed complaint or an unknown one is refused and nothing changes.
 */
describe('ExtendComplaintUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let extend: ExtendComplaintUseCase;
  let complaints: ComplaintRepository;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    complaints = new ComplaintRepository(medium.dataSource);
    extend = new ExtendComplaintUseCase(medium.unitOfWork, complaints, support.audit);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  it('an extension moves the deadline to 60 days after acceptance, records its reason and asks for a new reminder', async () => {
    const { complaintId } = await addComplaint(medium, support);
    // 13 days on, the sweep reminded the agents of the 15-day deadline.
    await new SweepComplaintDeadlinesUseCase(medium.unitOfWork, clockAhead(medium, 13 * 24)).execute();
    expect((await complaints.find(complaintId))!.reminded_at).not.toBeNull();
    const staff = await addStaff(medium.db);

    await extend.execute({ complaintId, staff, reason: '需调取航司证明' });

    const { rows } = await medium.db.query(
      `SELECT extension_reason, extended_by, extended_at IS NOT NULL AS extended, reminded_at,
              (extract(epoch FROM deadline - accepted_at) / 86400)::int AS days
         FROM support_complaints WHERE id = $1`,
      [complaintId],
    );
    expect(rows).toEqual([
      {
        extension_reason: '需调取航司证明',
        extended_by: staff.staffUserId,
        extended: true,
        reminded_at: null,
        days: 60,
      },
    ]);
    expect(await auditRows(medium.db, 'complaint_extend', complaintId)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'complaint',
        detail: { reason: '需调取航司证明', deadline: expect.any(String) },
      }),
    ]);
  });

  it('a complaint is extended once only: a second extension is refused and nothing changes', async () => {
    const { complaintId } = await addComplaint(medium, support, { complex: true });
    const staff = await addStaff(medium.db);
    await extend.execute({ complaintId, staff, reason: '第一次延期' });
    const before = await complaintState(medium.db, complaintId);

    await expect(extend.execute({ complaintId, staff, reason: '第二次延期' })).rejects.toMatchObject({
      code: 'COMPLAINT_ALREADY_EXTENDED',
    });

    expect(await complaintState(medium.db, complaintId)).toBe(before);
  });

  it('a closed complaint cannot be extended, and nothing changes', async () => {
    const { complaintId, staff } = await addComplaint(medium, support);
    await new RecordComplaintOutcomeUseCase(
      medium.unitOfWork,
      complaints,
      support.conversations,
      support.audit,
      medium.clock,
      medium.integrations,
    ).execute({ complaintId, staff, outcome: '已补发理赔款' });
    const before = await complaintState(medium.db, complaintId);

    await expect(extend.execute({ complaintId, staff, reason: '延期' })).rejects.toMatchObject({
      code: 'COMPLAINT_CLOSED',
    });

    expect(await complaintState(medium.db, complaintId)).toBe(before);
  });

  it('an unknown complaint, or an id that is not one, is not found', async () => {
    const staff = await addStaff(medium.db);
    const audits = async () => (await medium.db.query(`SELECT count(*)::int AS n FROM staff_audit_log`)).rows[0];
    const before = await audits();

    await expect(
      extend.execute({ complaintId: '00000000-0000-4000-8000-000000000000', staff, reason: '延期' }),
    ).rejects.toMatchObject({ code: 'COMPLAINT_NOT_FOUND' });
    await expect(extend.execute({ complaintId: 'K-1', staff, reason: '延期' })).rejects.toMatchObject({
      code: 'COMPLAINT_NOT_FOUND',
    });

    expect(await audits()).toEqual(before);
  });
});
