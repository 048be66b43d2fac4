import type { RegistrationError, RegistrationState } from '../shared/domain.ts';

/** What a failed REGISTER means to the user, from JsSIP's cause and the SIP response. */
export function registrationFailure(
  cause: string,
  response?: { status_code?: number; reason_phrase?: string },
): RegistrationState {
  const detail = response?.status_code ? `${response.status_code} ${response.reason_phrase ?? ''}`.trim() : cause;
  return { status: 'error', error: classify(cause, response?.status_code), detail };
}

function classify(cause: string, statusCode: number | undefined): RegistrationError {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) return 'auth-failed';
  switch (cause) {
    case 'Authentication Error':
    case 'Rejected':
      return 'auth-failed';
    case 'Connection Error':
      return 'server-unreachable';
    case 'Request Timeout':
      return 'timeout';
    default:
      return 'rejected';
  }
}
