-- What a user's deletion removes no longer depends on clerk_delete_user naming each table. A
-- user's own rows are, by the kit's convention, those of a table in public whose user_id column
-- defaults to public.requesting_user_id() (the owner comes from the token: tasks, and any table
-- made by CONTRIBUTING's recipe). user.deleted now deletes the user's rows from every such table;
-- a table with an organization_id column keeps the rows that belong to an organization (its
-- members still see them, as from a deleted user), as tasks always did. So a new user-owned table
-- needs no edit here, only DELETE for service_role (the function runs as the caller, the secret
-- key; packages/integration's privilege check names a table that lacks it). A table whose rows
-- must outlive their author gives user_id another default, or none.
--
-- Found through the catalog (pg_depend: the column default's dependency on the function), so a
-- rename of user_id or of the function drops a table out rather than deleting the wrong column.
-- Signature and grants unchanged; the rest is as in *_clerk_sync_serialized.sql.
CREATE OR REPLACE FUNCTION public.clerk_delete_user(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
DECLARE
  v_table regclass;
  v_has_organization boolean;
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.profiles WHERE id = p_id;
  DELETE FROM public.organization_memberships WHERE user_id = p_id;
  FOR v_table, v_has_organization IN
    SELECT c.oid::regclass,
           EXISTS (SELECT 1 FROM pg_catalog.pg_attribute o
                    WHERE o.attrelid = c.oid AND o.attname = 'organization_id'
                      AND o.attnum > 0 AND NOT o.attisdropped)
      FROM pg_catalog.pg_attrdef ad
      JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
      JOIN pg_catalog.pg_class c ON c.oid = ad.adrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                                   AND dep.objid = ad.oid
                                   AND dep.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
     WHERE n.nspname = 'public' AND a.attname = 'user_id' AND NOT a.attisdropped
       AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND dep.refobjid = 'public.requesting_user_id()'::pg_catalog.regprocedure
     ORDER BY c.relname
  LOOP
    EXECUTE pg_catalog.format(
      'DELETE FROM %s WHERE user_id = $1%s', v_table,
      CASE WHEN v_has_organization THEN ' AND organization_id IS NULL' ELSE '' END
    ) USING p_id;
  END LOOP;
  RETURN 'applied';
END $$;
