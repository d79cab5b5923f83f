import { IDL } from '../../core/index.ts';

export const HealthStatusIdl = IDL.Variant({
  healthy: IDL.Null,
  degraded: IDL.Null,
  unhealthy: IDL.Null,
});

export const HealthCheckIdl = IDL.Record({
  plugin: IDL.Text,
  name: IDL.Text,
  healthy: IDL.Bool,
  critical: IDL.Bool,
  detail: IDL.Text,
});

export const HealthReplyIdl = IDL.Record({
  status: HealthStatusIdl,
  time: IDL.Nat64,
  version: IDL.Record({ canister: IDL.Text, canister_version: IDL.Nat64, build: IDL.Text }),
  /** Present for controllers, admins and monitors only. */
  checks: IDL.Opt(IDL.Vec(HealthCheckIdl)),
});
