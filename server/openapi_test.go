package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/parley-events/parley"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// loadSpec fetches /api/openapi.json from a running server and validates
// it as an OpenAPI document with kin-openapi.
func loadSpec(t *testing.T, base string) *openapi3.T {
	t.Helper()
	resp, err := http.Get(base + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	spec, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := spec.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	spec.Servers = openapi3.Servers{{URL: base}}
	return spec
}

// The OpenAPI document validates, and every route it documents answers as
// documented: each operation is called with good parameters, with a bad
// filter value where it documents 400 and with a missing id where it
// documents 404, and each answer's status and body are checked against
// the document by kin-openapi.
func TestOpenAPIDescribesTheAPI(t *testing.T) {
	base, _ := serve(t, "s3cret")
	for i := range articles {
		call(t, "POST", base+"/api/documents", "s3cret", post(i), http.StatusOK, nil)
	}
	var stories store.Page[store.Story]
	call(t, "GET", base+"/api/events", "", "", http.StatusOK, &stories)
	var raw store.Page[store.Mention]
	call(t, "GET", base+"/api/events?level=event", "", "", http.StatusOK, &raw)
	if len(stories.Items) == 0 || len(raw.Items) == 0 {
		t.Fatal("no stored events to call the API with")
	}

	spec := loadSpec(t, base)
	router, err := legacy.NewRouter(spec)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{
		"/api/events/{id}":         {stories.Items[0].ID, raw.Items[0].ID},
		"/api/events/{id}/reviews": {stories.Items[0].ID, raw.Items[0].ID},
		"/api/documents/{id}":      {articles[0].id},
	}
	// bodies are a good and a bad body of each POST.
	bodies := map[string][2]string{
		"/api/documents":           {post(0), `{"id":"x","date":"27 Oct","text":"a"}`},
		"/api/events/{id}/reviews": {`{"verdict":"wrong","reviewer":"ana","type":"CONSULT","actor":{"name":"Russia","country":"RUS"},"note":"n"}`, `{"verdict":"perhaps","reviewer":"ana"}`},
	}
	paths := spec.Paths.InMatchingOrder()
	sort.Strings(paths)
	calls := 0
	for _, path := range paths {
		for method, op := range spec.Paths.Find(path).Operations() {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
			}
			type attempt struct {
				url, body, token string
				want             int
			}
			var tries []attempt
			query := url.Values{}
			for _, p := range op.Parameters {
				if p.Value.Required && p.Value.In == "query" {
					value := "type"
					if enum := p.Value.Schema.Value.Enum; len(enum) > 0 {
						value = enum[len(enum)-1].(string)
					}
					query.Set(p.Value.Name, value)
				}
			}
			q := ""
			if len(query) > 0 {
				q = "?" + query.Encode()
			}
			switch {
			case method == "POST":
				body, ok := bodies[path]
				if !ok {
					t.Errorf("POST %s: the test has no body for it", path)
					continue
				}
				target := path
				if strings.Contains(path, "{id}") {
					target = strings.Replace(path, "{id}", raw.Items[0].ID, 1)
					tries = append(tries, attempt{url: strings.Replace(path, "{id}", "E999999", 1), body: body[0], token: "s3cret", want: 404})
				}
				tries = append(tries, attempt{url: target, body: body[0], token: "s3cret", want: 200},
					attempt{url: target, body: body[1], token: "s3cret", want: 400},
					attempt{url: target, body: body[0], want: 401})
			case strings.Contains(path, "{id}"):
				for _, id := range ids[path] {
					tries = append(tries, attempt{url: strings.Replace(path, "{id}", id, 1), want: 200})
				}
				tries = append(tries, attempt{url: strings.Replace(path, "{id}", "S999999", 1), want: 404})
			default:
				tries = append(tries, attempt{url: path + q, want: 200})
			}
			if op.Responses.Status(400) != nil && method == "GET" && op.Parameters.GetByInAndName("query", "type") != nil {
				bad := url.Values{}
				for k, v := range query {
					bad[k] = v
				}
				bad.Set("type", "FOO")
				tries = append(tries, attempt{url: path + "?" + bad.Encode(), want: 400})
			}
			for _, a := range tries {
				calls++
				checkCall(t, router, method, base+a.url, a.body, a.token, a.want)
			}
		}
	}
	if calls < 20 {
		t.Errorf("only %d calls made over %d paths", calls, len(paths))
	}
}

// checkCall makes one request, checks that the document describes it, and
// that the answer has status want, a status the operation documents, and a
// body that fits its schema.
func checkCall(t *testing.T, router routers.Router, method, target, body, token string, want int) {
	t.Helper()
	newRequest := func() *http.Request {
		req, err := http.NewRequest(method, target, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return req
	}
	req := newRequest()
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: not in the document: %v", method, target, err)
		return
	}
	ctx := context.Background()
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	reqIn := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if err := openapi3filter.ValidateRequest(ctx, reqIn); err != nil {
		t.Errorf("%s %s: the request does not fit the document: %v", method, target, err)
	}
	resp, err := http.DefaultClient.Do(newRequest())
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Errorf("%s %s: status %d, want %d: %s", method, target, resp.StatusCode, want, data)
	}
	respIn := &openapi3filter.ResponseValidationInput{RequestValidationInput: reqIn, Status: resp.StatusCode,
		Header: resp.Header, Options: opts}
	respIn.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(ctx, respIn); err != nil {
		t.Errorf("%s %s: answer %d does not fit the document: %v\n%s", method, target, resp.StatusCode, err, data)
	}
}

// Every list endpoint pages the same way: {total, offset, limit, items},
// honouring limit and offset.
func TestListsPageAlike(t *testing.T) {
	base, st := serve(t, "")
	storeArticles(t, st, "../examples/tass-2023-10-27.txt")
	for _, path := range []string{"/api/events?level=event", "/api/actors?", "/api/timeline?level=event", "/api/network?", "/api/places?", "/api/counts?by=type&"} {
		var all, second struct {
			Total  *int              `json:"total"`
			Offset *int              `json:"offset"`
			Limit  *int              `json:"limit"`
			Items  []json.RawMessage `json:"items"`
		}
		sep := "&"
		if strings.HasSuffix(path, "?") || strings.HasSuffix(path, "&") {
			sep = ""
		}
		call(t, "GET", base+path, "", "", http.StatusOK, &all)
		if all.Total == nil || all.Offset == nil || all.Limit == nil || all.Items == nil {
			t.Errorf("%s: not a page: %+v", path, all)
			continue
		}
		if *all.Total < 2 || len(all.Items) != *all.Total {
			t.Errorf("%s: %d items of %d; the test wants two or more", path, len(all.Items), *all.Total)
			continue
		}
		call(t, "GET", base+path+sep+"limit=1&offset=1", "", "", http.StatusOK, &second)
		if *second.Total != *all.Total || *second.Offset != 1 || *second.Limit != 1 || len(second.Items) != 1 ||
			!bytes.Equal(second.Items[0], all.Items[1]) {
			t.Errorf("%s limit=1 offset=1: total %d offset %d limit %d items %s; want the second of %d",
				path, *second.Total, *second.Offset, *second.Limit, second.Items, *all.Total)
		}
	}
}

// storeArticles codes the articles at paths with parley's coder and
// stores them.
func storeArticles(t *testing.T, st store.Store, paths ...string) {
	t.Helper()
	for d, err := range reader.Documents(paths, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		evs, err := parley.Code(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Ingest(context.Background(), d, evs); err != nil {
			t.Fatal(err)
		}
	}
}

// Requests no route takes answer JSON: 404 for an unknown path, 405 with
// Allow for a known path with another method.
func TestNoRouteAnswersJSON(t *testing.T) {
	base, _ := serve(t, "")
	for _, c := range []struct {
		method, path string
		want         int
		allow        string
	}{
		{"GET", "/api/nothing", 404, ""},
		{"GET", "/nothing", 404, ""},
		{"POST", "/api/documents/tass-2023-10-27", 405, "GET"},
		{"DELETE", "/api/events", 405, "GET"},
	} {
		req, _ := http.NewRequest(c.method, base+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]string
		err = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != c.want || err != nil || e["error"] == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: %d %s %v %v, want %d with a JSON error", c.method, c.path, resp.StatusCode, resp.Header.Get("Content-Type"), e, err, c.want)
		}
		if resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, resp.Header.Get("Allow"), c.allow)
		}
	}
}

// Unknown filter values are errors naming the value and the accepted ones;
// the document shows no server file path.
func TestAPIRejectsUnknownValues(t *testing.T) {
	base, _ := serve(t, "s3cret")
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusOK, nil)
	for q, want := range map[string]string{
		"type=FOO":                      `unknown type "FOO" (want one of AGREE`,
		"country=rus1":                  `unknown country "rus1"`,
		"mode=bogus":                    `unknown mode "bogus"`,
		"from=2024-05-01&to=2024-04-01": "from 2024-05-01 is after to 2024-04-01",
		"reviewed=maybe":                `unknown reviewed "maybe" (want one of yes, no, correct, wrong)`,
		"sort=colour":                   `unknown sort "colour" for stories (want one of date, type, actor`,
		"sort=articles&level=event":     `unknown sort "articles" for raw events (want one of date, type, actor`,
	} {
		for _, path := range []string{"/api/events", "/api/actors", "/api/timeline"} {
			var e map[string]string
			call(t, "GET", base+path+"?"+q, "", "", http.StatusBadRequest, &e)
			if !strings.Contains(e["error"], want) {
				t.Errorf("%s?%s: error %q, want %q", path, q, e["error"], want)
			}
		}
	}
	var page store.Page[store.Story]
	call(t, "GET", base+"/api/events?country=rus&type=consult", "", "", http.StatusOK, &page)
	if page.Total != 1 {
		t.Errorf("country=rus&type=consult matched %d stories, want 1 (codes are case-insensitive)", page.Total)
	}
	resp, err := http.Get(base + "/api/documents/" + articles[0].id)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if bytes.Contains(b, []byte(`"path"`)) {
		t.Errorf("document shows a path: %s", b)
	}
}
