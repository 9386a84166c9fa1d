"""The OpenAPI description covers every API route and matches what the API answers."""

import jsonschema
from openapi_spec_validator import validate as validate_openapi

from app.api.auth import PUBLIC_ENDPOINTS
from tests.factories import make_token


def _schema_of(spec: dict, path: str, method: str, status: str) -> dict:
    response = spec["paths"][path][method]["responses"][status]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}  # a root that resolves #/components/...


def _nulls(node, path=""):
    """Yield the paths of the null values in a JSON document."""
    if node is None:
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _nulls(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _nulls(value, f"{path}/{i}")


def test_the_description_is_valid_openapi_and_covers_every_route(app, client):
    response = client.get("/api/v1/openapi.json")  # no token needed
    assert response.status_code == 200
    spec = response.get_json()
    validate_openapi(spec)
    assert spec["openapi"] == "3.1.0"
    routes = {
        (rule.rule.removeprefix("/api/v1").replace("<id:", "{").replace(">", "}"), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint not in PUBLIC_ENDPOINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert not list(_nulls(spec))  # no YAML slip (a bare comma makes a key with no value)
    described = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert routes == described
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op["summary"] and op["security"] == [{"bearer": []}], (method, path)
            assert any(s.startswith("2") for s in op["responses"]), (method, path)
            assert "401" in op["responses"]


def test_answers_match_their_description(client, db_session):
    spec = client.get("/api/v1/openapi.json").get_json()
    headers = {"Authorization": f"Bearer {make_token(db_session, 'checker')[1]}"}
    text = "นายสมชาย ใจดี กล่าวว่า ปี 2567 มีผู้ป่วยไข้เลือดออก 48,316 ราย เพิ่มขึ้นร้อยละ 40"
    created = client.post("/api/v1/articles", json={"text": text}, headers=headers)
    assert created.status_code == 201
    jsonschema.validate(created.get_json(), _schema_of(spec, "/articles", "post", "201"))
    article_id = created.get_json()["id"]
    claim_id = created.get_json()["claims"][0]["id"]
    for path, url in [
        ("/me", "/api/v1/me"),
        ("/articles", "/api/v1/articles"),
        ("/articles/{article_id}", f"/api/v1/articles/{article_id}"),
        ("/claims", "/api/v1/claims"),
        ("/claims/{claim_id}", f"/api/v1/claims/{claim_id}"),
        ("/ratings", "/api/v1/ratings"),
        ("/claimreview", "/api/v1/claimreview"),
        ("/search", "/api/v1/search?q=ไข้เลือดออก"),
    ]:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert path != "/search" or response.get_json()["total"] >= 1
        jsonschema.validate(response.get_json(), _schema_of(spec, path, "get", "200"))
    huge = client.get("/api/v1/claims?page=99999999999999999999", headers=headers)
    assert huge.status_code == 400 and huge.get_json()["error"]["code"] == "bad_request"
    missing = client.get("/api/v1/claims/99999", headers=headers)
    assert missing.status_code == 404
    error_schema = {"$ref": "#/components/schemas/Error", "components": spec["components"]}
    jsonschema.validate(missing.get_json(), error_schema)


def test_the_browsable_page_lists_every_operation(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    spec = client.get("/api/v1/openapi.json").get_json()
    for ops in spec["paths"].values():
        for op in ops.values():
            assert f'id="{op["operationId"]}"' in html
    assert 'id="schema-Claim"' in html and "public_url" in html
