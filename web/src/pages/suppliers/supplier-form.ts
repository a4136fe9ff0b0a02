import type { SupplierInput, SupplierView } from '../../api/types.js';

export interface CertificationValues {
  name: string;
  expiresOn: string;
}

export interface SupplierFormValues {
  key: string;
  name: string;
  services: string;
  contractReference: string;
  escalationContact: string;
  certifications: CertificationValues[];
  notes: string;
}

export const SUPPLIER_FORM_FIELDS = [
  'key',
  'name',
  'services',
  'contractReference',
  'escalationContact',
  'certifications',
  'notes',
] as const;

export const EMPTY_SUPPLIER_FORM: SupplierFormValues = {
  key: '',
  name: '',
  services: '',
  contractReference: '',
  escalationContact: '',
  certifications: [],
  notes: '',
};

export function supplierToFormValues(supplier: SupplierView): SupplierFormValues {
  return {
    key: supplier.key,
    name: supplier.name,
    services: supplier.services,
    contractReference: supplier.contractReference,
    escalationContact: supplier.escalationContact,
    certifications: supplier.certifications.map((certification) => ({
      name: certification.name,
      expiresOn: certification.expiresOn ?? '',
    })),
    notes: supplier.notes,
  };
}

export function toSupplierInput(values: SupplierFormValues): SupplierInput {
  return {
    ...values,
    certifications: values.certifications.map((certification) => ({
      name: certification.name,
      expiresOn: certification.expiresOn || null,
    })),
  };
}
