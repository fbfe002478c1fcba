import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, type CongressSession, type Evaluation, type Proposal, type Vote, type VoteResult } from '@lianxin/contracts';
import { congressDemo } from '../src/features/congress/congress.demo.ts';
import { insertMembers, type NewMember } from '../src/features/members/members.enrol.ts';
import { ballotsOf } from '../src/features/votes/votes.service.ts';
import { verifyChain } from '../src/features/votes/vote-chain.ts';
import { newIdNumber, newPhone } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/** The congress demo: written on the demo member's union, consistent with the rules the API enforces. */
let t: TestApp;
let city: Session;
let orgId: number;

beforeAll(async () => {
  t = await startTestApp();
  city = await signIn(t.app, 'demo-city');
  // the members' demo links `demo-member` to the first member of its union; here a small roster stands in
  const [home] = await t.handle.query<{ id: number; path: string; region_code: string }>(`
    select o.id, o.path::text as path, o.region_code from users u join orgs o on o.id = u.org_id where u.username = 'demo-member'`);
  orgId = home!.id;
  const rows = Array.from({ length: 30 }, (): NewMember => ({
    name: '演示会员', idNumber: newIdNumber(), phone: newPhone(), occupation: 'factory', category: 'standard', joinChannel: 'import',
    org: { id: home!.id, path: home!.path, regionCode: home!.region_code }, enterpriseId: null, joinedOn: shanghaiDate(),
  }));
  const ids = await t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, rows));
  await t.handle.query(`update users set member_id = $1 where username = 'demo-member'`, [ids[0]!.id]);
  await congressDemo(t.app);
});
afterAll(() => t.close());

describe('the congress demo', () => {
  it('holds a session with its quorum and proposals in every state', async () => {
    const sessions = (await request(t.app, city, 'GET', `/api/congress/sessions?orgId=${orgId}`)).json<{ items: CongressSession[] }>().items;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.quorum).toMatchObject({ total: 30, met: true });
    const proposals = (await request(t.app, city, 'GET', `/api/congress/proposals?sessionId=${sessions[0]!.id}`)).json<{ items: Proposal[] }>().items;
    expect(new Set(proposals.map((p) => p.state))).toEqual(new Set(['submitted', 'filed', 'answered', 'done', 'returned']));
    // the union's chair files proposals as the committee (a grant at the union)
    const [grant] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from user_grants g join users u on u.id = g.user_id where u.username = 'demo-chair' and g.kind = 'proposal_committee' and g.org_id = $1`, [orgId]);
    expect(grant!.n).toBe(1);
    // filed ones have their seconders
    for (const p of proposals.filter((x) => x.state !== 'submitted' && x.state !== 'returned')) expect(p.seconders.length).toBeGreaterThanOrEqual(2);
  });

  it('publishes an election whose stored result and chain head the ballots reproduce', async () => {
    const votes = (await request(t.app, city, 'GET', `/api/votes?orgId=${orgId}`)).json<{ items: Vote[] }>().items;
    expect(votes.map((v) => v.state).sort()).toEqual(['created', 'published', 'started']);
    const election = votes.find((v) => v.state === 'published')!;
    const result = (await request(t.app, city, 'GET', `/api/votes/${election.id}/result`)).json<VoteResult>();
    expect(result.cast).toBe(result.valid + result.invalid);
    expect(result.entitled).toBeGreaterThanOrEqual(result.cast);
    expect(result.elected.length).toBeLessThanOrEqual(2);
    expect(verifyChain(election.id, await ballotsOf(t.handle.db, election.id), result.chainHead)).toBe(true);
  });

  it('gives 顾村\'s unions this year\'s evaluation with stars', async () => {
    const [scored] = await t.handle.query<{ org_id: number }>(`select org_id from evaluation_scores where part = 'thirdParty' order by org_id limit 1`);
    const evaluation = (await request(t.app, city, 'GET', `/api/evaluation/${shanghaiDate().slice(0, 4)}?orgId=${scored!.org_id}`)).json<Evaluation>();
    expect(evaluation.parts.selfCheck.items).toHaveLength(19);
    expect(evaluation.stars).toBeGreaterThanOrEqual(1);
    const [sample] = await t.handle.query<{ n: number }>('select cardinality(org_ids) as n from evaluation_samples');
    expect(sample!.n).toBe(12);
  });
});
