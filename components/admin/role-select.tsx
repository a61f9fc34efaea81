import type { SelectHTMLAttributes } from "react";
import { inputClasses } from "@/components/ui/field";
import { ROLES } from "@/lib/contract/roles";

/** A choice of the console's four roles. */
export function RoleSelect({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={`${inputClasses} ${className ?? ""}`} {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
