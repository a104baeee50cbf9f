-- The mirror of Clerk's users and organizations is written by the webhook handler alone, with
-- the service key, through these functions: one delivery, one transaction (a PostgREST rpc call
-- is one), so a delivery lands whole or not at all and Clerk's retry finds nothing half done.
-- Each function records the delivery's svix-id first: a redelivery returns 'duplicate' and
-- changes nothing. An update older than the stored row ('stale') or about an object Clerk
-- deleted ('deleted') is recorded and ignored, so deliveries may arrive in any order.
REVOKE ALL ON TABLE public.profiles, public.organizations, public.organization_memberships,
  public.clerk_webhook_deliveries, public.clerk_deletions FROM anon, authenticated;--> statement-breakpoint
GRANT SELECT ON TABLE public.profiles, public.organizations, public.organization_memberships
  TO authenticated;--> statement-breakpoint
CREATE FUNCTION public.clerk_record_delivery(p_svix_id text, p_event_type text) RETURNS boolean
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  INSERT INTO public.clerk_webhook_deliveries (svix_id, event_type)
  VALUES (p_svix_id, p_event_type)
  ON CONFLICT (svix_id) DO NOTHING;
  RETURN FOUND;
END $$;--> statement-breakpoint
CREATE FUNCTION public.clerk_apply_user(
  p_svix_id text, p_event_type text, p_id text, p_email text, p_display_name text,
  p_image_url text, p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
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
-- The profile, the user's memberships and their personal tasks go together. Their tasks in an
-- organization stay with it, shown as from a deleted user.
CREATE FUNCTION public.clerk_delete_user(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.profiles WHERE id = p_id;
  DELETE FROM public.organization_memberships WHERE user_id = p_id;
  DELETE FROM public.tasks WHERE user_id = p_id AND organization_id IS NULL;
  RETURN 'applied';
END $$;--> statement-breakpoint
CREATE FUNCTION public.clerk_apply_organization(
  p_svix_id text, p_event_type text, p_id text, p_name text, p_slug text, p_image_url text,
  p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
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
-- Its tasks are kept: nobody can make a deleted organization active, so nobody sees them, and
-- deleting people's work is a decision for its owner, not a side effect of a webhook.
CREATE FUNCTION public.clerk_delete_organization(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.organization_memberships WHERE organization_id = p_id;
  DELETE FROM public.organizations WHERE id = p_id;
  RETURN 'applied';
END $$;--> statement-breakpoint
CREATE FUNCTION public.clerk_apply_membership(
  p_svix_id text, p_event_type text, p_id text, p_organization_id text, p_user_id text,
  p_role text, p_updated_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
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
CREATE FUNCTION public.clerk_delete_membership(
  p_svix_id text, p_event_type text, p_id text, p_deleted_at timestamptz
) RETURNS text
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  IF NOT public.clerk_record_delivery(p_svix_id, p_event_type) THEN RETURN 'duplicate'; END IF;
  INSERT INTO public.clerk_deletions (object_id, deleted_at) VALUES (p_id, p_deleted_at)
  ON CONFLICT (object_id) DO NOTHING;
  DELETE FROM public.organization_memberships WHERE id = p_id;
  RETURN 'applied';
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.clerk_record_delivery(text, text),
  public.clerk_apply_user(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_user(text, text, text, timestamptz),
  public.clerk_apply_organization(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_organization(text, text, text, timestamptz),
  public.clerk_apply_membership(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_membership(text, text, text, timestamptz)
  FROM PUBLIC, anon, authenticated;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.clerk_record_delivery(text, text),
  public.clerk_apply_user(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_user(text, text, text, timestamptz),
  public.clerk_apply_organization(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_organization(text, text, text, timestamptz),
  public.clerk_apply_membership(text, text, text, text, text, text, timestamptz),
  public.clerk_delete_membership(text, text, text, timestamptz)
  TO service_role;
