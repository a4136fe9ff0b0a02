import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// A scan import writes every finding of the report (docs/performance.md "Vulnerability report
// import", docs/decisions.md). Measured with `explain analyze`, most of its time was per-row work
// this table asked of PostgreSQL, not of the import:
// - three foreign-key checks per written row naming vulnerability_scans (first, last and fixing
//   scan). Those ids are only ever the scan the same import inserted in the same transaction, and
//   scans are never deleted: a trigger now refuses a delete, so a reference cannot dangle. The
//   check on the asset stays.
// - a rescan moved every finding's last-seen time, which the open-findings index held, so every
//   finding seen again got a new entry in all five indexes. That index now keys on what does not
//   change while a finding stays open (asset, scanner), and the table leaves half of each page
//   free, so a finding seen again is rewritten in place on its page (a HOT update) and no index
//   is touched.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table vulnerability_findings
    drop constraint vulnerability_findings_first_scan_id_fkey,
    drop constraint vulnerability_findings_last_scan_id_fkey,
    drop constraint vulnerability_findings_fixed_by_scan_id_fkey`.execute(db);
  await sql`create function vulnerability_scans_kept() returns trigger language plpgsql as $$
    begin
      raise exception 'vulnerability scans are kept: findings name them';
    end $$`.execute(db);
  await sql`create trigger vulnerability_scans_kept before delete on vulnerability_scans
    for each row execute function vulnerability_scans_kept()`.execute(db);

  await sql`drop index vulnerability_findings_asset_open_idx`.execute(db);
  await sql`create index vulnerability_findings_asset_open_idx
    on vulnerability_findings (asset_id, scanner) where fixed_at is null`.execute(db);
  await sql`alter table vulnerability_findings set (fillfactor = 50)`.execute(db);
}
