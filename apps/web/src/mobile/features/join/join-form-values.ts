import type { Occupation } from '@lianxin/contracts';
import type { EnterpriseLookupItem } from './join-api.ts';

/** What the join form holds. */
export interface JoinFormValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  /** the one-time code sent to the phone */
  phoneCode?: string;
  /** antd-mobile Selector holds an array; one occupation is picked */
  occupation?: Occupation[];
  employer?: EnterpriseLookupItem | null;
  regionCode?: string;
}

export type JoinFieldName = keyof JoinFormValues;

/** The API body (unchecked); the employer or the area, depending on the "no fixed employer" switch. */
export function toApplicationBody(values: JoinFormValues, noEmployer: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name?.trim() ?? '',
    idNumber: values.idNumber?.trim().toUpperCase() ?? '',
    phone: values.phone?.trim() ?? '',
    phoneCode: values.phoneCode?.trim() ?? '',
    occupation: values.occupation?.[0],
  };
  if (noEmployer) {
    if (values.regionCode) body.regionCode = values.regionCode;
  } else if (values.employer) {
    body.employerCreditCode = values.employer.creditCode;
  }
  return body;
}

/** Which form field shows an error reported for an API field path. */
export function formFieldFor(apiPath: string, noEmployer: boolean): JoinFieldName | null {
  switch (apiPath) {
    case 'name':
    case 'idNumber':
    case 'phone':
    case 'phoneCode':
    case 'occupation':
      return apiPath;
    case 'employerCreditCode':
      return noEmployer ? 'regionCode' : 'employer';
    case 'regionCode':
      return noEmployer ? 'regionCode' : 'employer';
    default:
      return null;
  }
}
