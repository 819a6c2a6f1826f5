package server

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/parley-events/parley/internal/version"
	"github.com/parley-events/parley/store"
)

// An endpoint is one route of the API: what New registers and what the
// OpenAPI document describes, from the same value, so the two cannot
// drift apart.
type endpoint struct {
	method, path string
	id           string // the OpenAPI operationId
	summary      string
	params       []param
	body         any // the request body's Go value (POST), nil when none
	result       any // the 200 answer's Go value; its type gives the schema
	errors       []int
	handle       handler
	// raw serves an endpoint that answers a file rather than JSON (in
	// place of handle); files are the media types of its 200 answer.
	raw   http.HandlerFunc
	files []string
}

// param is a query or path parameter.
type param struct {
	name, in, typ, doc string
	required           bool
	enum               []string // the accepted values, when a short list
}

// paramDocs describes the filter parameters, shared by every list and
// aggregate endpoint (they mirror `parley query`'s flags).
var paramDocs = map[string]string{
	"actor":     "Actor: name (substring), CAMEO code (IRNGOV) or country (IRN).",
	"recipient": "Recipient: name (substring), CAMEO code or country.",
	"country":   "Country of either side, ISO 3166 alpha-3 or a PLOVER group code (UNO, IGO, ...), any case; comma-separated list. An unknown code is a 400 error.",
	"type":      "PLOVER event type, any case; comma-separated list. An unknown type is a 400 error.",
	"mode":      "PLOVER mode; comma-separated list. An unknown mode is a 400 error.",
	"quad":      "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
	"from":      "First day, YYYY-MM-DD.",
	"to":        "Last day, YYYY-MM-DD (not before from).",
	"place":     "Place name (substring) or place country (alpha-3).",
	"source":    "Outlet (substring).",
	"text":      "Words that must all appear in the event's sentence (full-text search).",
	"level":     "story (merged across articles, the default) or event (raw, one per article).",
	"limit":     "Page size. /api/events: default 50, at most 1000; aggregates: default 100 (places 500, timeline all), at most 10000.",
	"offset":    "Items to skip, for paging (costs as many rows as it skips: page /api/events with after).",
	"after":     "/api/events: the id of the last item of the previous page (its next, S… or E…): the page holds the items that follow it in the sort order, and costs the same at any depth. Not with offset.",
	"reviewed":  "Analysts' reviews: yes (reviewed), no, correct or wrong (the newest verdict). Another value is a 400 error.",
	"sort":      "Order of /api/events and /api/download: date (the default, newest first), type, actor, recipient, place; source for raw events, articles or mentions for stories; a leading - reverses. Another key is a 400 error.",
}

// filterParams are the filter parameters, in queryParams' order.
func filterParams() []param {
	ps := make([]param, 0, len(queryParams))
	for _, name := range queryParams {
		typ := "string"
		if name == "quad" || name == "limit" || name == "offset" {
			typ = "integer"
		}
		ps = append(ps, param{name: name, in: "query", typ: typ, doc: paramDocs[name]})
	}
	return ps
}

// idParam is the {id} of a path.
func idParam(doc string) []param {
	return []param{{name: "id", in: "path", typ: "string", doc: doc, required: true}}
}

// endpoints lists the API's routes.
func (s *Server) endpoints() []endpoint {
	byParam := append(filterParams(), param{name: "by", in: "query", typ: "string", required: true,
		doc: "What to count by: day, week, month, type, quad, actor or country.", enum: []string{"day", "week", "month", "type", "quad", "actor", "country"}})
	formatParam := append(filterParams(), param{name: "format", in: "query", typ: "string", required: true,
		doc: "The file's format: csv and parquet in the columns of docs/export-columns.md, jsonl the API's own objects, one a line.", enum: []string{"csv", "jsonl", "parquet"}})
	pageParams := []param{{name: "limit", in: "query", typ: "integer", doc: "Page size: default 1000, at most 10000."},
		{name: "offset", in: "query", typ: "integer", doc: paramDocs["offset"]}}
	return []endpoint{
		{method: "GET", path: "/api/events", id: "listEvents", params: filterParams(), handle: s.events,
			summary: "Events matching the filters, newest first: stories by default (items are Story), raw events with level=event (items are Mention).",
			result:  oneOf{store.Page[store.Story]{}, store.Page[store.Mention]{}}, errors: []int{400}},
		{method: "GET", path: "/api/events/{id}", id: "getEvent", params: idParam("A story id (S12) or a raw event id (E34)."), handle: s.event,
			summary: "One story (S…) with every report and its source sentence, or one raw event (E…).",
			result:  oneOf{store.StoryDetail{}, store.Mention{}}, errors: []int{404}},
		{method: "GET", path: "/api/events/{id}/reviews", id: "listEventReviews", params: idParam("A raw event id (E34) or a story id (S12): the reviews of any of its reports."),
			handle: s.reviewHistory, summary: "Every review of a raw event, or of any report of a story, oldest first.",
			result: []store.Review{}, errors: []int{404}},
		{method: "POST", path: "/api/events/{id}/reviews", id: "postReview", params: idParam("A raw event id (E34), or a story id (S12) to review its first report."),
			handle: s.postReview, body: store.NewReview{},
			summary: "Review an event (needs the server's bearer token): a verdict (correct or wrong) and/or corrections of type, date, actor, recipient and place, and a note. Answers the stored review.",
			result:  store.Review{}, errors: []int{400, 401, 403, 404, 413}},
		{method: "GET", path: "/api/reviews", id: "listReviews", params: pageParams, handle: s.reviews,
			summary: "The newest review of every reviewed raw event, oldest review first, and whether this server accepts reviews (writable).",
			result:  reviewPage{}, errors: []int{400}},
		{method: "GET", path: "/api/download", id: "download", params: formatParam, raw: s.download,
			files:   []string{"text/csv", "application/x-ndjson", "application/vnd.apache.parquet"},
			summary: "The matching stories, or raw events with level=event, as a file in the sort order, at most 100,000 rows (the X-Parley-Truncated header says when more matched).",
			errors:  []int{400}},
		{method: "GET", path: "/api/documents/{id}", id: "getDocument", params: idParam("The document id."), handle: s.document,
			summary: "A stored article with its raw events.", result: store.Document{}, errors: []int{404}},
		{method: "POST", path: "/api/documents", id: "postDocument", handle: s.postDocument, body: submission{},
			summary: "Code and store an article (needs the server's bearer token). Storing the same article again changes nothing: skipped is true.",
			result:  store.Result{}, errors: []int{400, 401, 403, 409, 413, 422, 503}},
		{method: "GET", path: "/api/actors", id: "listActors", params: filterParams(), handle: s.actors,
			summary: "Actors of matching events (either side), most events first.", result: store.Page[store.ActorCount]{}, errors: []int{400}},
		{method: "GET", path: "/api/timeline", id: "getTimeline", params: filterParams(), handle: s.timeline,
			summary: "Matching events per day and quad class, oldest day first.", result: store.Page[store.TimelinePoint]{}, errors: []int{400}},
		{method: "GET", path: "/api/network", id: "getNetwork", params: filterParams(), handle: s.network,
			summary: "Who acts on whom: actor → recipient edges weighted by event count, heaviest first.", result: store.Page[store.Edge]{}, errors: []int{400}},
		{method: "GET", path: "/api/places", id: "listPlaces", params: filterParams(), handle: s.places,
			summary: "Event places with coordinates and counts, most events first.", result: store.Page[store.PlaceCount]{}, errors: []int{400}},
		{method: "GET", path: "/api/counts", id: "countEvents", params: byParam, handle: s.counts,
			summary: "Matching events counted by day, week, month, type, quad, actor or country.", result: store.Page[store.Count]{}, errors: []int{400}},
		{method: "GET", path: "/api/stats", id: "getStats", handle: s.stats, summary: "Store summary.", result: store.Stats{}},
		{method: "GET", path: "/api/openapi.json", id: "getOpenAPI", handle: s.openapi, summary: "This document.", result: map[string]any{}},
		{method: "GET", path: "/healthz", id: "getHealth", handle: s.healthz, summary: "Liveness: the store answers (503 when it does not).",
			result: health{}, errors: []int{503}},
	}
}

// health is the answer of /healthz.
type health struct {
	Status string `json:"status"`
}

// oneOf is a result that is one of several types.
type oneOf []any

// errorStatus says what each documented error status means.
var errorStatus = map[int]string{
	400: "A parameter or the body is malformed, or a filter value is unknown: error names it and the accepted values.",
	401: "Missing or wrong bearer token.",
	403: "The server is read-only (started without --token).",
	404: "No such item.",
	409: "The id is already stored with another text.",
	413: "The body is larger than the server accepts.",
	422: "The coder refused the document (error says why).",
	503: "The store does not answer; for POST /api/documents also: as many articles as the server codes at once are being coded (retry after Retry-After seconds), or coding took longer than the server allows.",
}

// openAPI is the API's OpenAPI 3.0 description, generated from the
// endpoints and the Go types they answer with.
func (s *Server) openAPI() map[string]any {
	sg := &schemas{defs: map[string]any{}}
	errRef := sg.of(reflect.TypeFor[apiError]())
	jsonContent := func(schema any) map[string]any {
		return map[string]any{"application/json": map[string]any{"schema": schema}}
	}
	paths := map[string]any{}
	for _, e := range s.endpoints() {
		op := map[string]any{"operationId": e.id, "summary": e.summary}
		if len(e.params) > 0 {
			ps := make([]any, len(e.params))
			for i, p := range e.params {
				schema := map[string]any{"type": p.typ}
				if len(p.enum) > 0 {
					schema["enum"] = p.enum
				}
				ps[i] = map[string]any{"name": p.name, "in": p.in, "required": p.required, "description": p.doc, "schema": schema}
			}
			op["parameters"] = ps
		}
		ok200 := map[string]any{"description": "OK"}
		var result any
		if len(e.files) > 0 {
			files := map[string]any{}
			for _, mt := range e.files {
				files[mt] = map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
			}
			ok200["content"] = files
		} else if alts, ok := e.result.(oneOf); ok {
			var choices []any
			for _, a := range alts {
				choices = append(choices, sg.of(reflect.TypeOf(a)))
			}
			result = map[string]any{"anyOf": choices}
		} else {
			result = sg.of(reflect.TypeOf(e.result))
		}
		if result != nil {
			ok200["content"] = jsonContent(result)
		}
		responses := map[string]any{
			"200":     ok200,
			"default": map[string]any{"description": "An unexpected error (500), or a query that took too long (503).", "content": jsonContent(errRef)},
		}
		for _, status := range e.errors {
			responses[strconv.Itoa(status)] = map[string]any{"description": errorStatus[status], "content": jsonContent(errRef)}
		}
		op["responses"] = responses
		if e.body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": jsonContent(sg.of(reflect.TypeOf(e.body)))}
			op["security"] = []any{map[string]any{"bearer": []any{}}}
		}
		item, _ := paths[e.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[e.path] = item
		}
		item[strings.ToLower(e.method)] = op
	}
	paths["/metrics"] = map[string]any{"get": map[string]any{
		"operationId": "getMetrics",
		"summary":     "Request counts and latencies in the Prometheus text format.",
		"responses": map[string]any{"200": map[string]any{"description": "OK",
			"content": map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}}},
	}}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "parley event API", "version": version.Release,
			"description": "Political events (PLOVER 2.0) coded from news articles. Events exist at two levels: stories (one per happening, merged across articles, ids S…) and raw events (one per article, ids E…). Every list answers one page, {total, offset, limit, items}, paged with limit and offset; /api/events also answers next when its page is full, the after of the page that follows (keyset paging, as cheap at any depth). Errors answer {\"error\": \"…\"}."},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas":         sg.defs,
		},
	}
}

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
}

// schemas builds JSON schemas of Go types from their json tags, named
// after the types under components/schemas.
type schemas struct{ defs map[string]any }

// of returns the schema of t: a reference for a named struct type, an
// inline schema for anything else.
func (sg *schemas) of(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		s := sg.of(t.Elem())
		if _, ref := s["$ref"]; ref {
			// OpenAPI 3.0 ignores siblings of $ref: wrap it.
			return map[string]any{"allOf": []any{s}, "nullable": true}
		}
		s["nullable"] = true
		return s
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		s := map[string]any{"type": "array", "items": sg.of(t.Elem())}
		if t.Kind() == reflect.Array {
			s["minItems"], s["maxItems"] = t.Len(), t.Len()
		} else {
			s["nullable"] = true // a nil slice is written null
		}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "nullable": true}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := schemaName(t)
		ref := map[string]any{"$ref": "#/components/schemas/" + name}
		if _, done := sg.defs[name]; done {
			return ref
		}
		sg.defs[name] = nil // a placeholder against recursion
		props := map[string]any{}
		sg.fields(t, props)
		sg.defs[name] = map[string]any{"type": "object", "properties": props}
		return ref
	}
	return map[string]any{}
}

// fields adds the JSON properties of struct t to props, embedded structs'
// fields included.
func (sg *schemas) fields(t reflect.Type, props map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			sg.fields(f.Type, props)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = sg.of(f.Type)
	}
}

// schemaName names a struct type's schema, capitalised: Story, Mention,
// Error; a page of stories is StoryPage.
func schemaName(t reflect.Type) string {
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 {
		arg := name[i+1 : len(name)-1]
		name = arg[strings.LastIndexAny(arg, "./")+1:] + name[:i]
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func (s *Server) openapi(r *http.Request) (any, error) { return s.openAPI(), nil }
