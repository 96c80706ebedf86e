import type { Migration } from '../migration-types';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-seed-regions';
import { migration0003 } from './0003-grid-support';
import { migration0004 } from './0004-import-mappings';
import { migration0005 } from './0005-audit-created-ranges';
import { migration0006 } from './0006-person-search';
import { migration0007 } from './0007-request-keys-and-sheets';
import { migration0008 } from './0008-import-cohorts';
import { migration0009 } from './0009-placement-tally';
import { migration0010 } from './0010-allocation-runs';
import { migration0011 } from './0011-hub-accounts';
import { migration0012 } from './0012-row-versions';
import { migration0013 } from './0013-audit-row-stores';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
];

export const LATEST_VERSION = MIGRATIONS.length;
