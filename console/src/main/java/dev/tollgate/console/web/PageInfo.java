package dev.tollgate.console.web;

import dev.tollgate.console.auth.Role;

/** Who is looking at a page, and the token its forms must carry. */
public record PageInfo(String user, Role role, String csrf) {
    public static final PageInfo ANONYMOUS = new PageInfo(null, null, null);

    public boolean analyst() {
        return role != null && role.includes(Role.ANALYST);
    }

    public boolean lead() {
        return role != null && role.includes(Role.LEAD);
    }

    public String roleLabel() {
        return role == null ? "" : role.label();
    }
}
