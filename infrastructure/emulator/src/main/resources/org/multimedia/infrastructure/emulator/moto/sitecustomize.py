"""What the child moto_server (LocalAws) loads before it starts, through PYTHONPATH: the Cognito
calls the product uses that moto (5.2.1) does not implement.

RevokeToken (issue 19: logout with the refresh token alone) answers 500 in moto. As AWS documents
it: the refresh token, and every access and ID token issued with it (the same origin_jti), stop
working; an unknown or already revoked token is no error (200, as RFC 7009 says); a client with a
secret must send it (UnauthorizedException otherwise). Nothing else of moto is changed, and a moto
that implements RevokeToken itself is left alone."""
import base64
import json


def _claims(jwt):
    try:
        payload = jwt.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except Exception:  # not a JWT: nothing to match
        return {}


def _unauthorized():
    from moto.core.exceptions import JsonRESTError
    return JsonRESTError("UnauthorizedException", "Client secret does not match.")


def _patch():
    try:
        from moto.cognitoidp import models, responses
    except Exception:  # another moto: leave it as it is
        return
    if hasattr(responses.CognitoIdpResponse, "revoke_token"):
        return

    def revoke_token(self, client_id, client_secret, token):
        for pool in self.user_pools.values():
            client = pool.clients.get(client_id)
            if client is None:
                continue
            if client.generate_secret and client.secret != client_secret:
                raise _unauthorized()
            entry = pool.refresh_tokens.get(token)
            if not entry:
                return
            owner, _, origin_jti = entry
            if owner != client_id:
                return
            pool.refresh_tokens[token] = None
            for tokens in (pool.access_tokens, pool.id_tokens):
                for issued in list(tokens):
                    if _claims(issued).get("origin_jti") == origin_jti:
                        tokens.pop(issued)
            return
        raise models.ResourceNotFoundError(client_id)

    models.CognitoIdpBackend.revoke_token = revoke_token

    def revoke_token_action(self):
        # RevokeToken is unsigned: the request names no region, so find the client's backend as
        # moto does for InitiateAuth.
        backend = self._get_region_agnostic_backend()._find_backend_for_clientid(self._get_param("ClientId"))
        backend.revoke_token(self._get_param("ClientId"), self._get_param("ClientSecret"),
                                  self._get_param("Token"))
        try:
            from moto.core.responses import EmptyResult
            return EmptyResult()
        except ImportError:
            return "{}"

    responses.CognitoIdpResponse.revoke_token = revoke_token_action


_patch()
