export { type AppName, type LocalStack, localStack } from './local-stack.ts'
export { readSeedUsers, type SeedUser, seededUsers } from './seeded-users.ts'
