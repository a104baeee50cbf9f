-- Deliveries about the same Clerk object, applied at the same time, now take turns. Clerk sends
-- concurrently, and under READ COMMITTED a `*.created` could find no deletion, then write its row
-- after a concurrent `user.deleted` or `organization.deleted` had deleted what it could see and
-- committed: the deleted user's membership, profile or organization came back for good. Each
-- function now first takes a transaction-scoped advisory lock on every object id it reads or
-- writes (a membership: its own, its organization's and its user's, in sorted order, so two
-- deliveries never wait on each other in a cycle). The deletion then either sees the row and
-- deletes it, or commits first and the write sees the deletion. Signatures and grants unchanged.
CREATE OR REPLACE FUNCTION public.clerk_apply_user(
  p_svix_id text, p_event_type text, p_id text, p_email text, p_display_name text,
  p_image_url text, p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  IF EXISTS (SELECT 1 FROM public.clerk_deletions d WHERE d.object_id = p_id) THEN
    RETURN 'deleted';
  END IF;
  INSERT INTO public.profiles AS p (id, email, display_name, image_url, clerk_updated_at)
  VALUES (p_id, p_email, p_display_name, p_image_url, p_updated_at)
  ON CONFLICT (id) DO UPDATE
    SET email = excluded.email, display_name = excluded.display_name,
        image_url = excluded.image_url, clerk_updated_at = excluded.clerk_updated_at
    WHERE p.clerk_updated_at < excluded.clerk_updated_at;
  RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.clerk_delete_user(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.profiles WHERE id = p_id;
  DELETE FROM public.organization_memberships WHERE user_id = p_id;
  DELETE FROM public.tasks WHERE user_id = p_id AND organization_id IS NULL;
  RETURN 'applied';
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.clerk_apply_organization(
  p_svix_id text, p_event_type text, p_id text, p_name text, p_slug text, p_image_url text,
  p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  IF EXISTS (SELECT 1 FROM public.clerk_deletions d WHERE d.object_id = p_id) THEN
    RETURN 'deleted';
  END IF;
  INSERT INTO public.organizations AS o (id, name, slug, image_url, clerk_updated_at)
  VALUES (p_id, p_name, p_slug, p_image_url, p_updated_at)
  ON CONFLICT (id) DO UPDATE
    SET name = excluded.name, slug = excluded.slug, image_url = excluded.image_url,
        clerk_updated_at = excluded.clerk_updated_at
    WHERE o.clerk_updated_at < excluded.clerk_updated_at;
  RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.clerk_delete_organization(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.organization_memberships WHERE organization_id = p_id;
  DELETE FROM public.organizations WHERE id = p_id;
  RETURN 'applied';
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.clerk_apply_membership(
  p_svix_id text, p_event_type text, p_id text, p_organization_id text, p_user_id text,
  p_role text, p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
DECLARE
  v_object text;
BEGIN
  FOR v_object IN SELECT DISTINCT o FROM unnest(ARRAY[p_id, p_organization_id, p_user_id]) AS o
                  ORDER BY o LOOP
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(v_object, 0));
  END LOOP;
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  IF EXISTS (SELECT 1 FROM public.clerk_deletions d
             WHERE d.object_id IN (p_id, p_organization_id, p_user_id)) THEN
    RETURN 'deleted';
  END IF;
  INSERT INTO public.organization_memberships AS m
    (id, organization_id, user_id, role, clerk_updated_at)
  VALUES (p_id, p_organization_id, p_user_id, p_role, p_updated_at)
  ON CONFLICT (id) DO UPDATE
    SET role = excluded.role, clerk_updated_at = excluded.clerk_updated_at
    WHERE m.clerk_updated_at < excluded.clerk_updated_at;
  RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.clerk_delete_membership(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_id, 0));
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.organization_memberships WHERE id = p_id;
  RETURN 'applied';
END $$;
