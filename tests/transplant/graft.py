#!/usr/bin/env python3
"""Grafts operations of public OpenAPI example documents into a copy of openapi/postpress.yaml (tests/transplant).

    python3 tests/transplant/graft.py --base openapi/postpress.yaml --manifest tests/transplant/corpus.yaml \
        --modules node_modules --out DIR [--probe]

Writes
  DIR/postpress.yaml   the base spec plus every in-scope operation of the manifest's documents, under the tag
                       'Transplant' (paths /transplant/{prefix}{path}, operationId {prefix}-{operationId}, the method
                       name in x-postpress-method), their components renamed {Prefix}{Name} with every $ref rewritten;
  DIR/calls.json       per grafted operation: the C# method name, an example value per parameter / form field (by
                       wire name), the JSON request body and the JSON response body the test has the sandbox serve;
  DIR/excluded/*.yaml  per out-of-scope operation of the manifest: the base spec plus that one operation;
  DIR/excluded.json    [{"spec" (relative to DIR), "operation", "code"}]: the code the generator must fail each with.
With --probe, DIR/probe/*.yaml: every operation of every document alone (to find the out-of-scope ones).

OpenAPI 3.0 documents are raised to 3.1 on the way (nullable → type: [T, 'null'], boolean exclusiveMinimum/Maximum →
numeric; `example` is left as written); security requirements are dropped (the SDK authenticates every call itself).
"""
import argparse
import copy
import json
import os
import re
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SECTIONS = ("schemas", "parameters", "requestBodies", "responses", "headers", "examples", "links", "callbacks")


def pascal(text):
    words = re.findall(r"[A-Za-z0-9]+", text)
    out = "".join(w[0].upper() + w[1:] for w in words)
    return out if out and not out[0].isdigit() else "N" + out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f) if path.endswith(".json") else yaml.safe_load(f)


def to_31(node, in_schema=False):
    """Raises 3.0 schema keywords to 3.1 (only where a schema is)."""
    if isinstance(node, list):
        return [to_31(n, in_schema) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("schema", "items", "additionalProperties", "not"):
            out[key] = to_31(value, True)
        elif key == "properties" and in_schema:
            out[key] = {k: to_31(v, True) for k, v in value.items()}
        elif key in ("allOf", "oneOf", "anyOf") and in_schema:
            out[key] = [to_31(v, True) for v in value]
        elif key == "schemas":
            out[key] = {k: to_31(v, True) for k, v in value.items()}
        elif key in ("example", "examples", "value"):
            out[key] = copy.deepcopy(value)
        else:
            out[key] = to_31(value, False)
    if in_schema:
        if out.pop("nullable", False) is True:
            t = out.get("type")
            if isinstance(t, str):
                out["type"] = [t, "null"]
            elif "$ref" in out or "allOf" in out:
                ref = {k: out.pop(k) for k in list(out) if k in ("$ref", "allOf")}
                out["oneOf"] = [ref, {"type": "null"}]
        for key, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if isinstance(out.get(key), bool):
                if out.pop(key) and bound in out:
                    out[key] = out.pop(bound)
    return out


def refs_in(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            found.add(ref)
        for key, value in node.items():
            if key not in ("example", "value"):
                refs_in(value, found)
    elif isinstance(node, list):
        for n in node:
            refs_in(n, found)


def rewrite_refs(node, renames):
    if isinstance(node, dict):
        out = {k: (renames.get(v, v) if k == "$ref" and isinstance(v, str) else
                   (v if k in ("example", "value") else rewrite_refs(v, renames)))
               for k, v in node.items()}
        mapping = out.get("discriminator", {}).get("mapping") if isinstance(out.get("discriminator"), dict) else None
        if isinstance(mapping, dict):
            # mapping values are references too (or bare schema names)
            out["discriminator"]["mapping"] = {
                k: renames.get(v, renames.get("#/components/schemas/" + v, "#/components/schemas/" + v).rsplit("/", 1)[-1] if "/" not in v else v)
                for k, v in mapping.items()}
        return out
    if isinstance(node, list):
        return [rewrite_refs(n, renames) for n in node]
    return node


def resolve(doc, node):
    for _ in range(8):
        if not isinstance(node, dict) or "$ref" not in node:
            return node
        target = doc
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


class Document:
    def __init__(self, entry, modules):
        self.entry = entry
        self.path = os.path.join(modules, entry["file"])
        raw = load(self.path)
        self.doc = to_31(raw) if str(raw.get("openapi", "")).startswith("3.0") else raw
        self.prefix = entry["prefix"]
        components = self.doc.get("components", {})
        self.renames = {}
        for section in SECTIONS:
            for name in components.get(section, {}):
                new = self.prefix + (name if re.match(r"^[A-Z][A-Za-z0-9]*$", name) else "_" + name)
                escaped = name.replace("~", "~0").replace("/", "~1")
                self.renames[f"#/components/{section}/{escaped}"] = f"#/components/{section}/{new.replace('~', '~0').replace('/', '~1')}"

    def operations(self):
        for path, item in self.doc.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    yield path, method, item

    def key(self, path, method, op):
        return op.get("operationId") or f"{method.upper()} {path}"

    def graft(self, target, path, method, item):
        """Adds one operation (and the components it reaches) to target; returns its new operationId and method name."""
        op = copy.deepcopy(item[method])
        original = self.key(path, method, op)
        base_id = op.get("operationId") or (method + "_" + path)
        op_id = f"{self.prefix[0].lower()}{self.prefix[1:]}-{re.sub(r'[^A-Za-z0-9_.-]', '_', base_id)}"
        method_name = self.prefix + pascal(base_id)
        op["operationId"] = op_id
        op["x-postpress-method"] = method_name
        op["tags"] = ["Transplant"]
        op.pop("security", None)
        op["x-transplant-source"] = f"{self.entry['file']}#{original}"
        new_item = {method: op}
        if "parameters" in item:
            new_item["parameters"] = copy.deepcopy(item["parameters"])
        for key in ("servers",):
            if key in item:
                new_item[key] = copy.deepcopy(item[key])
        new_path = "/transplant/" + self.prefix.lower() + path
        # components reached, transitively
        reached = set()
        refs_in(new_item, reached)
        queue = list(reached)
        while queue:
            ref = queue.pop()
            found = set()
            refs_in(resolve(self.doc, {"$ref": ref}), found)
            for r in found - reached:
                reached.add(r)
                queue.append(r)
        components = target.setdefault("components", {})
        for ref in sorted(reached):
            _, _, section, name = ref.split("/", 3)
            new_name = self.renames[ref].split("/", 3)[3].replace("~1", "/").replace("~0", "~")
            value = self.doc["components"][section][name.replace("~1", "/").replace("~0", "~")]
            components.setdefault(section, {})[new_name] = rewrite_refs(copy.deepcopy(value), self.renames)
        paths = target.setdefault("paths", {})
        paths.setdefault(new_path, {}).update(rewrite_refs(new_item, self.renames))
        return op_id, method_name, new_path


# ---- example values (what the test sends and what the sandbox serves) ----

def example(doc, schema, depth=0, request=True):
    schema = resolve(doc, schema) if isinstance(schema, dict) else schema
    if not isinstance(schema, dict) or depth > 6:
        return None
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            branches = [b for b in schema[key] if resolve(doc, b).get("type") != "null"]
            value = example(doc, branches[0], depth + 1, request)
            disc = schema.get("discriminator")
            if isinstance(value, dict) and disc:
                mapping = {v: k for k, v in disc.get("mapping", {}).items()}
                ref = branches[0].get("$ref", "")
                value[disc["propertyName"]] = mapping.get(ref, ref.split("/")[-1])
            return value
    if "allOf" in schema:
        merged = {}
        for member in schema["allOf"]:
            part = example(doc, member, depth + 1, request)
            if isinstance(part, dict):
                merged.update(part)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if own.get("properties"):
            merged.update(example(doc, own, depth + 1, request) or {})
        return merged
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    if t is None and "properties" in schema:
        t = "object"
    fmt = schema.get("format")
    if t == "object":
        result = {}
        required = set(schema.get("required", []))
        for name, prop in (schema.get("properties") or {}).items():
            p = resolve(doc, prop)
            if ((request and p.get("readOnly")) or (not request and p.get("writeOnly"))) and name not in required:
                continue  # (a required readOnly member is required by the generated model too)
            if depth >= 2 and name not in required and "enum" not in p and "const" not in p:
                continue  # nested deeper: only what is required and enums (a variant's discriminator; self-references end here)
            value = example(doc, prop, depth + 1, request)
            if value is not None:
                result[name] = value
        return result
    if t == "array":
        if depth >= 2 and schema.get("minItems", 0) == 0:
            return []
        item = example(doc, schema.get("items", {}), depth + 1, request)
        return [] if item is None else [item] * max(1, schema.get("minItems", 1))
    if t == "integer":
        return int(max(schema.get("minimum", 1), 1)) if "maximum" not in schema or schema["maximum"] >= 1 else int(schema["maximum"])
    if t == "number":
        return 1.5 if schema.get("minimum", 0) <= 1.5 <= schema.get("maximum", 2) else float(schema.get("minimum", 0))
    if t == "boolean":
        return True
    if t == "string":
        return {
            "date-time": "2026-01-02T03:04:05.678Z", "date": "2026-01-02", "time": "03:04:05", "duration": "PT1H",
            "uuid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "uri": "https://example.com/a", "byte": "aGVsbG8=",
            "email": "user@example.com", "binary": None,
        }.get(fmt, "x" * max(1, schema.get("minLength", 1)) if "pattern" not in schema else None)
    return None


def call_of(doc, path_item, op, method_name, op_id):
    call = {"operationId": op_id, "method": method_name, "parameters": {}, "body": None, "response": None, "bodyKind": None}
    for p in list(path_item.get("parameters", [])) + list(op.get("parameters", [])):
        p = resolve(doc, p)
        value = example(doc, p.get("schema", {}))
        call["parameters"][p["name"]] = value
    body = resolve(doc, op.get("requestBody")) if op.get("requestBody") else None
    if body:
        content = body.get("content", {})
        if "schema" in content.get("application/json", {}):
            call["bodyKind"] = "json"
            call["body"] = example(doc, content["application/json"].get("schema", {}))
        else:
            media = next(m for m in content if "json" not in m.split(";")[0] or "+" in m)  # the SDK's choice: the first non-JSON type
            bare = media.split(";")[0].strip()
            schema = resolve(doc, content[media].get("schema", {}))
            if bare in ("multipart/form-data", "application/x-www-form-urlencoded"):
                call["bodyKind"] = "fields"
                for name, prop in (schema.get("properties") or {}).items():
                    prop = resolve(doc, prop)
                    items = resolve(doc, prop.get("items", {})) if prop.get("type") == "array" else None
                    if prop.get("format") == "binary" or (items and items.get("format") == "binary"):
                        call["parameters"][name] = {"$file": name + ".txt"}
                    else:
                        call["parameters"][name] = example(doc, prop)
            elif bare.startswith("text/"):
                call["bodyKind"] = "text"
                call["body"] = "hello"
            else:
                call["bodyKind"] = "binary"
    for status, response in op.get("responses", {}).items():
        if status.startswith("2"):
            response = resolve(doc, response)
            media = (response.get("content") or {}).get("application/json")
            if media and "schema" in media:
                call["response"] = example(doc, media["schema"], request=False)
            break
    return call


def base_copy(base):
    spec = copy.deepcopy(base)
    if not any(t.get("name") == "Transplant" for t in spec.get("tags", [])):
        spec.setdefault("tags", []).append({"name": "Transplant", "description": "Operations grafted from public OpenAPI example documents (tests/transplant)."})
    return spec


def dump(spec, path):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(spec, f, sort_keys=False, allow_unicode=True, width=1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--modules", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--probe", action="store_true")
    args = ap.parse_args()

    base = load(args.base)
    manifest = load(args.manifest)
    os.makedirs(os.path.join(args.out, "excluded"), exist_ok=True)
    spec = base_copy(base)
    calls, excluded = [], []
    seen_out = set()
    probes = 0
    for entry in manifest["documents"]:
        document = Document(entry, args.modules)
        out_of_scope = {o["operation"]: o for o in entry.get("out_of_scope", [])}
        for path, method, item in document.operations():
            key = document.key(path, method, item[method])
            if args.probe:
                probe = base_copy(base)
                document.graft(probe, path, method, item)
                os.makedirs(os.path.join(args.out, "probe"), exist_ok=True)
                probes += 1
                dump(probe, os.path.join(args.out, "probe", f"{document.prefix}-{probes:03d}.yaml"))
                with open(os.path.join(args.out, "probe", "index.tsv"), "a", encoding="utf-8") as f:
                    f.write(f"{document.prefix}-{probes:03d}\t{entry['file']}\t{key}\n")
            if "only" in entry and key not in entry["only"] and key not in out_of_scope:
                continue  # not chosen (see the manifest's comment for why)
            if key in out_of_scope:
                seen_out.add((entry["file"], key))
                alone = base_copy(base)
                document.graft(alone, path, method, item)
                name = f"{document.prefix}-{len(excluded):03d}.yaml"
                dump(alone, os.path.join(args.out, "excluded", name))
                excluded.append({"spec": "excluded/" + name, "document": entry["file"],
                                 "operation": key, "code": out_of_scope[key]["code"], "why": out_of_scope[key].get("why", "")})
                continue
            op_id, method_name, _ = document.graft(spec, path, method, item)
            calls.append(call_of(document.doc, item, item[method], method_name, op_id))
        keys = {document.key(p, m, i[m]) for p, m, i in document.operations()}
        unknown = [k for k in entry.get("only", []) if k not in keys]
        if unknown:
            sys.exit(f"graft: {entry['file']}: 'only' names operations the document does not have: {unknown}")
        missing = [k for k in out_of_scope if (entry["file"], k) not in seen_out]
        if missing:
            sys.exit(f"graft: {entry['file']}: out_of_scope names operations the document does not have: {missing}")
    dump(spec, os.path.join(args.out, "postpress.yaml"))
    with open(os.path.join(args.out, "calls.json"), "w", encoding="utf-8") as f:
        json.dump(calls, f, indent=1)
    with open(os.path.join(args.out, "excluded.json"), "w", encoding="utf-8") as f:
        json.dump(excluded, f, indent=1)
    print(f"graft: {len(calls)} operations grafted, {len(excluded)} out of scope -> {args.out}")


if __name__ == "__main__":
    main()
