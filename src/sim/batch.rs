//! JSON batching: `POST /v1.0/$batch` with up to 20 requests (relative URLs), answered with
//! per-item `id`, `status`, `headers`, `body`; `dependsOn` failures give 424.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::http::{graph_error, json_response};
use super::Sim;
use crate::graph::{HttpRequest, HttpResponse, Method};

impl Sim {
    pub(crate) fn batch(
        &mut self,
        outer: &HttpRequest,
        version: &str,
        body: Option<Value>,
        now: DateTime<Utc>,
        rid: &str,
    ) -> HttpResponse {
        let bad = |m: &str| graph_error(400, "BadRequest", m, now, rid);
        if outer.method != Method::Post {
            return graph_error(
                405,
                "Request_BadRequest",
                "Specified HTTP method is not allowed for the request target.",
                now,
                rid,
            );
        }
        let Some(items) = body.as_ref().and_then(|b| b["requests"].as_array()).cloned() else {
            return bad("The batch body must hold a 'requests' array.");
        };
        if items.len() > 20 {
            return bad("The number of batch requests exceeds the limit of 20.");
        }
        let mut ids: Vec<String> = Vec::new();
        for it in &items {
            let id =
                it["id"].as_str().map(str::to_string).or_else(|| it["id"].as_u64().map(|n| n.to_string()));
            let Some(id) = id else { return bad("Every batch request needs an 'id'.") };
            if ids.contains(&id) {
                return bad(&format!("Batch request id '{id}' is used more than once."));
            }
            ids.push(id);
        }
        let mut statuses: Map<String, Value> = Map::new();
        let mut out = Vec::new();
        for (it, id) in items.iter().zip(ids) {
            let depends: Vec<String> = it["dependsOn"]
                .as_array()
                .map(|a| a.iter().filter_map(|d| d.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            let failed_dep = depends
                .iter()
                .any(|d| statuses.get(d).and_then(Value::as_u64).is_none_or(|s| !(200..300).contains(&s)));
            let resp = if failed_dep {
                graph_error(424, "FailedDependency", "A request this one depends on failed.", now, rid)
            } else {
                let method = it["method"].as_str().and_then(Method::parse);
                let url = it["url"].as_str().unwrap_or("");
                match method {
                    None => graph_error(400, "BadRequest", "Invalid method in batch request.", now, rid),
                    Some(_) if url.starts_with("http") => {
                        graph_error(400, "BadRequest", "Batch request urls must be relative.", now, rid)
                    }
                    Some(m) => {
                        let rel = if url.starts_with('/') { url.to_string() } else { format!("/{url}") };
                        let mut req = HttpRequest::new(m, format!("{}/{version}{rel}", self.endpoints.graph));
                        if let Some(a) = outer.header("Authorization") {
                            req.headers.push(("Authorization".into(), a.into()));
                        }
                        if let Some(h) = it["headers"].as_object() {
                            for (k, v) in h {
                                req.headers.push((k.clone(), v.as_str().unwrap_or_default().into()));
                            }
                        }
                        if !it["body"].is_null() {
                            req.body = Some(it["body"].to_string());
                        }
                        match self.take_fault(&req) {
                            Some(f) => self.apply_fault(f, &req, now).response.unwrap_or_else(|| {
                                graph_error(504, "gatewayTimeout", "The request was dropped.", now, rid)
                            }),
                            None => self.route(&req, now),
                        }
                    }
                }
            };
            statuses.insert(id.clone(), json!(resp.status));
            let headers: Map<String, Value> =
                resp.headers.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            let body = serde_json::from_str::<Value>(&resp.body).unwrap_or_else(|_| {
                if resp.body.is_empty() {
                    Value::Null
                } else {
                    json!(resp.body)
                }
            });
            let mut item = json!({"id": id, "status": resp.status, "headers": headers});
            if !body.is_null() {
                item["body"] = body;
            }
            out.push(item);
        }
        json_response(200, &json!({"responses": out}))
    }
}
