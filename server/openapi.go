package server

import "net/http"

// paramDocs describes the filter parameters, shared by every list and
// aggregate endpoint (they mirror `parley query`'s flags).
var paramDocs = map[string]string{
	"actor":     "Actor: name (substring), CAMEO code (IRNGOV) or country (IRN).",
	"recipient": "Recipient: name (substring), CAMEO code or country.",
	"country":   "Country of either side, ISO 3166 alpha-3; comma-separated list.",
	"type":      "PLOVER event type; comma-separated list.",
	"mode":      "PLOVER mode; comma-separated list.",
	"quad":      "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
	"from":      "First day, YYYY-MM-DD.",
	"to":        "Last day, YYYY-MM-DD.",
	"place":     "Place name (substring) or place country (alpha-3).",
	"source":    "Outlet (substring).",
	"text":      "Words that must all appear in the event's sentence (full-text search).",
	"level":     "story (merged across articles, the default) or event (raw, one per article).",
	"limit":     "Page size (default 50, at most 1000) or number of aggregate rows.",
	"offset":    "Results to skip, for paging.",
}

func filterParams() []any {
	var ps []any
	for _, name := range queryParams {
		typ := "string"
		if name == "quad" || name == "limit" || name == "offset" {
			typ = "integer"
		}
		ps = append(ps, map[string]any{"name": name, "in": "query", "required": false,
			"description": paramDocs[name], "schema": map[string]any{"type": typ}})
	}
	return ps
}

func get(summary string, params []any, schema string) map[string]any {
	return map[string]any{"get": map[string]any{
		"summary":    summary,
		"parameters": params,
		"responses": map[string]any{
			"200": map[string]any{"description": "OK", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + schema}}}},
			"400": map[string]any{"description": "bad parameter", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
		},
	}}
}

var idParam = []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}}

func obj(props map[string]any) map[string]any {
	return map[string]any{"type": "object", "properties": props}
}
func str() map[string]any     { return map[string]any{"type": "string"} }
func integer() map[string]any { return map[string]any{"type": "integer"} }
func arr(ref string) map[string]any {
	return map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/" + ref}}
}

// openAPI is the API's OpenAPI 3.1 description.
func openAPI() map[string]any {
	byParam := append(filterParams(), map[string]any{"name": "by", "in": "query", "required": true,
		"description": "day, week, month, type, quad, actor or country", "schema": str()})
	docs := get("A stored article with its raw events.", idParam, "Document")
	docs["post"] = map[string]any{
		"summary":  "Code and store an article (needs the server's bearer token).",
		"security": []any{map[string]any{"bearer": []any{}}},
		"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": obj(map[string]any{
			"id": str(), "date": str(), "source": str(), "url": str(), "title": str(), "text": str()})}}},
		"responses": map[string]any{
			"200": map[string]any{"description": "stored (or already stored: skipped is true)"},
			"401": map[string]any{"description": "missing or wrong token"},
			"403": map[string]any{"description": "server is read-only"},
			"409": map[string]any{"description": "id already stored with another text"},
			"413": map[string]any{"description": "body too large"},
		},
	}
	entity := obj(map[string]any{"id": integer(), "name": str(), "country": str(), "sector": str(), "code": str()})
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "parley event API", "version": "1",
			"description": "Political events (PLOVER 2.0) coded from news articles. Events exist at two levels: stories (one per happening, merged across articles, ids S…) and raw events (one per article, ids E…)."},
		"paths": map[string]any{
			"/api/events":         get("Events matching the filters, newest first: stories by default, raw events with level=event.", filterParams(), "Page"),
			"/api/events/{id}":    get("One story (S…) with every report and its source sentence, or one raw event (E…).", idParam, "StoryDetail"),
			"/api/documents/{id}": docs,
			"/api/actors":         get("Actors of matching events (either side), most events first.", filterParams(), "Actors"),
			"/api/timeline":       get("Matching events per day and quad class.", filterParams(), "Timeline"),
			"/api/network":        get("Who acts on whom: actor → recipient edges weighted by event count.", filterParams(), "Network"),
			"/api/places":         get("Event places with coordinates and counts.", filterParams(), "Places"),
			"/api/counts":         get("Matching events counted by day, week, month, type, quad, actor or country.", byParam, "Counts"),
			"/api/stats":          get("Store summary.", nil, "Stats"),
			"/healthz":            get("Liveness: the store answers.", nil, "Health"),
		},
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{
				"Error":       obj(map[string]any{"error": str()}),
				"Entity":      entity,
				"Page":        obj(map[string]any{"total": integer(), "offset": integer(), "limit": integer(), "items": map[string]any{"type": "array", "items": map[string]any{"type": "object"}}}),
				"StoryDetail": obj(map[string]any{"id": str(), "type": str(), "date": str(), "articles": integer(), "sources": integer(), "mentions": integer(), "reports": map[string]any{"type": "array", "items": map[string]any{"type": "object"}}}),
				"Document":    obj(map[string]any{"id": str(), "source": str(), "url": str(), "title": str(), "date": str(), "text": str(), "events": map[string]any{"type": "array", "items": map[string]any{"type": "object"}}}),
				"Actors":      map[string]any{"type": "array", "items": obj(map[string]any{"id": integer(), "name": str(), "country": str(), "count": integer()})},
				"Timeline":    map[string]any{"type": "array", "items": obj(map[string]any{"date": str(), "quad": integer(), "count": integer()})},
				"Network":     map[string]any{"type": "array", "items": obj(map[string]any{"source": entity, "target": entity, "count": integer(), "quad": integer()})},
				"Places":      map[string]any{"type": "array", "items": obj(map[string]any{"name": str(), "country": str(), "lat": map[string]any{"type": "number"}, "lon": map[string]any{"type": "number"}, "count": integer()})},
				"Counts":      map[string]any{"type": "array", "items": obj(map[string]any{"key": str(), "count": integer()})},
				"Stats":       obj(map[string]any{"documents": integer(), "events": integer(), "stories": integer(), "actors": integer(), "places": integer(), "sources": integer()}),
				"Health":      obj(map[string]any{"status": str()}),
			},
		},
	}
}

func (s *Server) openapi(r *http.Request) (any, error) { return documentReviews(openAPI()), nil }
