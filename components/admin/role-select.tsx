import { useTranslations } from "next-intl";
import type { SelectHTMLAttributes } from "react";
import { inputClasses } from "@/components/ui/field";
import { ROLES } from "@/lib/contract/roles";

/** A choice of the console's four roles. */
export function RoleSelect({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  const roles = useTranslations("common.roles");
  return (
    <select className={`${inputClasses} ${className ?? ""}`} {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {roles(role)}
        </option>
      ))}
    </select>
  );
}
