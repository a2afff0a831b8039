import { describe, expect, it } from 'vitest';
import { deniedFunctionReason, isKnownSafeFunction } from './function-rules.ts';

describe('deniedFunctionReason', () => {
  it.each([
    ['pg_sleep', 'connection'],
    ['pg_sleep_for', 'connection'],
    ['pg_sleep_until', 'connection'],
    ['pg_read_file', 'file system'],
    ['pg_read_binary_file', 'file system'],
    ['pg_ls_dir', 'file system'],
    ['pg_ls_waldir', 'file system'],
    ['pg_stat_file', 'file system'],
    ['lo_import', 'large objects'],
    ['lo_export', 'large objects'],
    ['loread', 'large objects'],
    ['dblink', 'other databases'],
    ['dblink_exec', 'other databases'],
    ['pg_terminate_backend', 'administration'],
    ['pg_cancel_backend', 'administration'],
    ['pg_reload_conf', 'administration'],
    ['pg_rotate_logfile', 'administration'],
    ['pg_create_logical_replication_slot', 'administration'],
    ['pg_import_system_collations', 'administration'],
    ['pg_stat_reset', 'administration'],
    ['set_config', 'session setting'],
    ['pg_advisory_lock', 'advisory locks'],
    ['pg_advisory_xact_lock_shared', 'advisory locks'],
    ['pg_try_advisory_lock', 'advisory locks'],
    ['pg_advisory_unlock_all', 'advisory locks'],
    ['pg_notify', 'notification'],
    ['txid_current', 'transaction ID'],
    ['pg_current_xact_id', 'transaction ID'],
    ['nextval', 'sequence'],
    ['setval', 'sequence'],
    ['query_to_xml', 'SQL given as a string'],
    ['query_to_xml_and_xmlschema', 'SQL given as a string'],
    ['table_to_xml', 'SQL given as a string'],
    ['database_to_xml', 'SQL given as a string'],
    ['cursor_to_xml', 'SQL given as a string'],
    ['ts_stat', 'SQL given as a string'],
  ])('denies %s (%s)', (name, why) => {
    expect(deniedFunctionReason(name)).toContain(why);
  });

  it('denies whatever the case of the name', () => {
    expect(deniedFunctionReason('PG_SLEEP')).toBeDefined();
    expect(deniedFunctionReason('Pg_Read_File')).toBeDefined();
  });

  it('leaves ordinary and informational functions to the volatility rule', () => {
    for (const name of [
      'lower',
      'xpath',
      'currval',
      'pg_size_pretty',
      'pg_get_indexdef',
      'pg_typeof',
      'txid_current_snapshot',
      'logical',
      'constructor',
    ]) {
      expect(deniedFunctionReason(name), name).toBeUndefined();
    }
  });
});

describe('isKnownSafeFunction', () => {
  it('knows everyday built-ins, unqualified or in pg_catalog only', () => {
    expect(isKnownSafeFunction('count', undefined)).toBe(true);
    expect(isKnownSafeFunction('date_trunc', 'pg_catalog')).toBe(true);
    expect(isKnownSafeFunction('count', 'app')).toBe(false);
    expect(isKnownSafeFunction('COUNT', undefined)).toBe(false);
    expect(isKnownSafeFunction('random', undefined)).toBe(false);
    expect(isKnownSafeFunction('toString', undefined)).toBe(false);
  });
});
