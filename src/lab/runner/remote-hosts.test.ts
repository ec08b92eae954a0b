/** @module Fast tests of the remote-generator plumbing: `--loadgen` values, the host header a remote shard prints, and the other-processes rule on each generator host. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/index.ts';
import { LoadgenOutputError, parseRemoteShardOutput } from './loadgen.ts';
import { parseLoadgenHosts } from './remote-hosts.ts';
import { remoteMachineReasons } from './workloads/latency.ts';

const summary = {
  tool: 'labload',
  mode: 'open',
  rate: 100,
  workers: 0,
  shard: 0,
  shards: 1,
  duration_s: 1,
  timeout_s: 2,
  start_epoch_ms: 1_700_000_000_000,
  requests: 2,
  errors: 0,
  timeouts: 0,
  unsent: 0,
  max_in_flight: 1,
  max_connections: 10,
  connections_opened: 1,
  cap_hit: false,
  threads: 1,
  cpu_user_s: 0.1,
  cpu_system_s: 0.05,
  wall_s: 1.1,
};

describe('parseLoadgenHosts', () => {
  it('takes ssh:// addresses, with the ssh config file as -F', () => {
    expect(parseLoadgenHosts(['ssh://lab@10.0.0.2:2222', 'ssh://gen1'], 'cfg')).toEqual([
      { url: 'ssh://lab@10.0.0.2:2222', sshArgs: ['-F', 'cfg'] },
      { url: 'ssh://gen1', sshArgs: ['-F', 'cfg'] },
    ]);
  });
  it('refuses anything else as a user error naming the value and the expected form', () => {
    expect(() => parseLoadgenHosts(['gen1', 'ssh://gen1:99999'])).toThrow(UserError);
    expect(() => parseLoadgenHosts(['gen1'])).toThrow(
      '--loadgen takes ssh://[user@]HOST[:PORT] (for example ssh://lab@10.0.0.2:2222), not "gen1"',
    );
  });
});

describe('parseRemoteShardOutput', () => {
  const records = '[0,10,1,1,0,200,0]\n[1,20,1,1,0,200,0]\n';
  it("reads the host's boot id, cores and CPU busy time around the run, then the summary and records", () => {
    const out = [
      'b1d2',
      '4',
      'cpu  100 0 50 800 10 0 5 0 0 0',
      'cpu  300 0 70 900 10 0 5 0 0 0',
      JSON.stringify(summary),
      records,
    ].join('\n');
    const shard = parseRemoteShardOutput('ssh://gen1', out);
    expect(shard.host).toEqual({ url: 'ssh://gen1', boot_id: 'b1d2', cores: 4, busy_s: 2.2 });
    expect(shard.records).toHaveLength(2);
    expect(shard.summary.requests).toBe(2);
  });
  it('says which host printed something unreadable, never a 0', () => {
    expect(() => parseRemoteShardOutput('ssh://gen1', 'Permission denied')).toThrow(LoadgenOutputError);
    const short = ['b', '2', 'none', 'none', JSON.stringify(summary), '[0,10,1,1,0,200,0]'].join('\n');
    expect(() => parseRemoteShardOutput('ssh://gen1', short)).toThrow(
      'the load generator on ssh://gen1 reported 2 requests but sent 1 records',
    );
    // An unreadable /proc/stat leaves the host's busy time unknown (judged as unreadable), not zero.
    const noStat = ['b', '2', 'none', 'none', JSON.stringify(summary), records].join('\n');
    expect(parseRemoteShardOutput('ssh://gen1', noStat).host.busy_s).toBeNull();
  });
});

describe('remoteMachineReasons', () => {
  it('invalidates a step when other processes used more than 5% of a generator host', () => {
    const result = {
      remote_machines: [
        { hosts: ['ssh://gen1'], cores: 2, other_cpu_s: 1 },
        { hosts: ['ssh://gen2'], cores: 2, other_cpu_s: 0.1 },
        { hosts: ['ssh://gen3'], cores: 2, other_cpu_s: null },
      ],
    };
    expect(remoteMachineReasons(result, 5)).toEqual([
      'other processes used 10.0% of the CPU of generator host ssh://gen1 during the step (1.00 CPU s; limit 5.0%)',
      "other processes' CPU on generator host ssh://gen3 could not be read (/proc/stat)",
    ]);
    expect(remoteMachineReasons({}, 5)).toEqual([]);
  });
});
