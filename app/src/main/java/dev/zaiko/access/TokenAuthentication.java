package dev.zaiko.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request authenticated by a valid API token, with the authorities of its scope. */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokens.Holder holder;

    TokenAuthentication(ApiTokens.Holder holder) {
        super(AuthorityUtils.createAuthorityList(holder.scope().authorities()));
        this.holder = holder;
        setAuthenticated(true);
    }

    ApiTokens.Holder holder() {
        return holder;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return holder.name();
    }

    @Override
    public String getName() {
        return holder.name();
    }
}
