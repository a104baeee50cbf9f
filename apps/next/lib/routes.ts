export const SIGN_IN_URL = '/sign-in'
export const SIGN_UP_URL = '/sign-up'
