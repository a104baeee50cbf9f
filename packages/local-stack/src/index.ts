export { type AppName, type LocalStack, localStack } from './local-stack.ts'
export {
  isOrganizationRole,
  ORGANIZATION_ROLES,
  type OrganizationRole,
  readSeedOrganizations,
  type SeedOrganization,
  seededOrganizations,
} from './seeded-organizations.ts'
export { readSeedUsers, type SeedUser, seededUsers } from './seeded-users.ts'
