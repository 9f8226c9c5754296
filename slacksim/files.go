package slacksim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Files, as Slack's external upload flow handles them:
//
//  1. files.getUploadURLExternal(filename, length) → upload_url, file_id
//  2. POST the bytes (raw or multipart) to upload_url → HTTP 200
//  3. files.completeUploadExternal(files=[{id,title}], channel_id) → the file
//     is shared: a message carrying it appears in the channel
//
// files.info describes a file; its url_private (and url_private_download)
// serves the bytes only to a request carrying `Authorization: Bearer` with
// the bot token. Without it Slack redirects to the sign-in page (with redir
// set to the file's path), which is what the simulator does.

// DefaultFileSizeLimit is Slack's largest file (1 GB).
const DefaultFileSizeLimit = 1 << 30

// File is a file Slack holds.
type File struct {
	ID, Name, Title string
	User            string // who uploaded it (BotUser for the app)
	Length          int    // the length declared to files.getUploadURLExternal
	Content         []byte
	Uploaded        bool     // the bytes reached upload_url
	Completed       bool     // files.completeUploadExternal accepted it
	Channels        []string // where it is shared
	Created         time.Time
}

// fileState is the simulator's file store; guarded by Server.mu.
type fileState struct {
	byID      map[string]*File
	order     []string
	denyWrite bool // files:write not granted
	denyRead  bool // files:read not granted
	sizeLimit int  // 0: DefaultFileSizeLimit
	downloads int
}

func (s *Server) filesLocked() *fileState {
	if s.files.byID == nil {
		s.files.byID = map[string]*File{}
	}
	return &s.files
}

// DenyFilesWrite makes the app's token lack files:write (true) or have it
// again (false): the upload methods answer missing_scope.
func (s *Server) DenyFilesWrite(deny bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filesLocked().denyWrite = deny
}

// DenyFilesRead makes the app's token lack files:read: files.info answers
// missing_scope and private downloads go to the sign-in page.
func (s *Server) DenyFilesRead(deny bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filesLocked().denyRead = deny
}

// SetFileSizeLimit restricts uploads to n bytes, as a team that restricts
// large files does (files.getUploadURLExternal answers
// file_upload_size_restricted above it). 0 restores Slack's 1 GB.
func (s *Server) SetFileSizeLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filesLocked().sizeLimit = n
}

// Files returns every completed file, oldest first.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.filesLocked()
	var out []File
	for _, id := range fs.order {
		if f := fs.byID[id]; f.Completed {
			out = append(out, copyFile(f))
		}
	}
	return out
}

// FileByID returns a file, completed or not.
func (s *Server) FileByID(id string) (File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.filesLocked().byID[id]
	if !ok {
		return File{}, false
	}
	return copyFile(f), true
}

func copyFile(f *File) File {
	c := *f
	c.Content = bytes.Clone(f.Content)
	c.Channels = append([]string(nil), f.Channels...)
	return c
}

// FileURL is the file's url_private: it serves the bytes to the bot token.
func (s *Server) FileURL(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.filesLocked().byID[id]
	if !ok {
		return ""
	}
	return s.privateURL(f)
}

func (s *Server) privateURL(f *File) string {
	return s.http.URL + "/files-pri/" + s.TeamID + "-" + f.ID + "/" + url.PathEscape(f.Name)
}

// UploadAs is a user attaching a file in Slack (for example to a modal's
// file input): the file exists, completed and private to them, and its ID
// is returned.
func (s *Server) UploadAs(user, name string, content []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notify()
	fs := s.filesLocked()
	f := &File{ID: s.nextID("F"), Name: name, Title: name, User: user, Length: len(content), Content: bytes.Clone(content), Uploaded: true, Completed: true, Created: s.clock()}
	fs.byID[f.ID] = f
	fs.order = append(fs.order, f.ID)
	return f.ID
}

// OpenDM opens (or finds) the app's DM with user and returns its ID, as
// conversations.open does.
func (s *Server) OpenDM(user string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.openIM(user)
}

// openIM opens the app's DM with a workspace member; s.mu held.
func (s *Server) openIM(user string) (string, error) {
	if _, ok := s.users[user]; !ok {
		return "", fmt.Errorf("user_not_found")
	}
	id := DM(user)
	if _, ok := s.channels[id]; !ok {
		s.channels[id] = &Channel{ID: id, Name: user, IsMember: true}
	}
	return id, nil
}

// FileJSON is a file object as files.info and messages carry it.
func (s *Server) fileJSON(f *File) map[string]any {
	var channels, ims []string
	for _, c := range f.Channels {
		if strings.HasPrefix(c, "D") {
			ims = append(ims, c)
		} else {
			channels = append(channels, c)
		}
	}
	u := s.privateURL(f)
	return map[string]any{
		"id": f.ID, "name": f.Name, "title": f.Title, "user": f.User, "size": len(f.Content),
		"mimetype": mimeOf(f.Name), "filetype": strings.TrimPrefix(path.Ext(f.Name), "."),
		"created": f.Created.Unix(), "timestamp": f.Created.Unix(),
		"url_private": u, "url_private_download": u + "?download=1",
		"channels": nonNil(channels), "ims": nonNil(ims), "groups": []string{},
		"is_public": false, "mode": "hosted",
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func mimeOf(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// channelIDPattern is what files.completeUploadExternal accepts as channel_id
// (a user ID is refused: the caller must open the DM first).
var channelIDPattern = regexp.MustCompile(`^[CGDZ][A-Z0-9]{2,}$`)

// filesMethod answers the file methods and conversations.open; ok is false
// for any other method. s.mu is held.
func (s *Server) filesMethod(r apiRequest) (resp map[string]any, errCode string, ok bool) {
	fs := s.filesLocked()
	switch r.method {
	case "conversations.open":
		users := r.get("users")
		if users == "" {
			if ch := r.get("channel"); ch != "" {
				c, found := s.channels[ch]
				if !found {
					return nil, "channel_not_found", true
				}
				return map[string]any{"channel": map[string]any{"id": c.ID}}, "", true
			}
			return nil, "users_list_not_supplied", true
		}
		if strings.Contains(users, ",") {
			return nil, "not_enough_users", true // group DMs are not simulated
		}
		_, existed := s.channels[DM(users)]
		id, err := s.openIM(users)
		if err != nil {
			return nil, "user_not_found", true
		}
		return map[string]any{"channel": map[string]any{"id": id, "is_im": true, "user": users}, "already_open": existed, "no_op": existed}, "", true
	case "files.getUploadURLExternal":
		if fs.denyWrite {
			return nil, "missing_scope", true
		}
		name := r.get("filename")
		length, err := strconv.Atoi(r.get("length"))
		if name == "" || err != nil || length <= 0 {
			return nil, "invalid_arguments", true
		}
		limit := fs.sizeLimit
		if limit == 0 {
			limit = DefaultFileSizeLimit
		}
		if length > limit {
			return nil, "file_upload_size_restricted", true
		}
		f := &File{ID: s.nextID("F"), Name: name, Title: name, User: BotUser, Length: length, Created: s.clock()}
		fs.byID[f.ID] = f
		fs.order = append(fs.order, f.ID)
		return map[string]any{"upload_url": s.http.URL + "/upload/v1/" + f.ID, "file_id": f.ID}, "", true
	case "files.completeUploadExternal":
		if fs.denyWrite {
			return nil, "missing_scope", true
		}
		var list []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if json.Unmarshal([]byte(r.get("files")), &list) != nil || len(list) == 0 {
			return nil, "invalid_arguments", true
		}
		channel := r.get("channel_id")
		if channel == "" {
			channel = r.get("channels")
		}
		var ch *Channel
		if channel != "" {
			if strings.Contains(channel, ",") || !channelIDPattern.MatchString(channel) {
				return nil, "invalid_arguments", true
			}
			c, found := s.channels[channel]
			if !found {
				return nil, "channel_not_found", true
			}
			if !c.IsMember {
				return nil, "not_in_channel", true
			}
			ch = c
		}
		var files []*File
		for _, item := range list {
			f, found := fs.byID[item.ID]
			if !found || !f.Uploaded || f.User != BotUser {
				return nil, "file_not_found", true
			}
			if len(f.Content) != f.Length {
				return nil, "invalid_arguments", true // fewer or more bytes than announced
			}
			files = append(files, f)
		}
		out := []map[string]any{}
		var ids []string
		for i, f := range files {
			if t := list[i].Title; t != "" {
				f.Title = t
			}
			f.Completed = true
			if ch != nil {
				f.Channels = append(f.Channels, ch.ID)
			}
			ids = append(ids, f.ID)
			out = append(out, map[string]any{"id": f.ID, "title": f.Title})
		}
		if ch != nil {
			m := &Message{Channel: ch.ID, TS: s.nextTS(), User: BotUser, Text: r.get("initial_comment"), Files: ids, At: time.Now()}
			s.addMessage(m)
		}
		return map[string]any{"files": out}, "", true
	case "files.info":
		if fs.denyRead {
			return nil, "missing_scope", true
		}
		f, found := fs.byID[r.get("file")]
		if !found || !f.Completed {
			return nil, "file_not_found", true
		}
		return map[string]any{"file": s.fileJSON(f), "comments": []any{}, "paging": map[string]any{"count": 100, "total": 0, "page": 1, "pages": 0}}, "", true
	}
	return nil, "", false
}

// serveUpload takes the bytes for a file announced by
// files.getUploadURLExternal: a multipart form (the first file part) or the
// raw body. Slack answers 200 with a short text; an unknown URL is a 404.
func (s *Server) serveUpload(w http.ResponseWriter, req *http.Request) {
	id := strings.TrimPrefix(req.URL.Path, "/upload/v1/")
	if req.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	f, ok := s.filesLocked().byID[id]
	length := 0
	if ok {
		length = f.Length
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	// Read one byte more than announced, to tell a longer body.
	content, err := readUpload(req, int64(length)+1)
	if err != nil {
		http.Error(w, "bad upload", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	f.Content, f.Uploaded = content, true
	s.notify()
	s.mu.Unlock()
	_, _ = fmt.Fprintf(w, "OK - %d", len(content))
}

func readUpload(req *http.Request, max int64) ([]byte, error) {
	mt, params, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return io.ReadAll(io.LimitReader(req.Body, max))
	}
	mr := multipart.NewReader(req.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("no file part: %w", err)
		}
		if p.FileName() != "" {
			return io.ReadAll(io.LimitReader(p, max))
		}
	}
}

// serveFileDownload serves url_private: the bytes to the bot token; any
// other request is redirected to the sign-in page, as Slack does.
func (s *Server) serveFileDownload(w http.ResponseWriter, req *http.Request) {
	rest := strings.TrimPrefix(req.URL.Path, "/files-pri/")
	key, _, _ := strings.Cut(rest, "/")
	id := strings.TrimPrefix(key, s.TeamID+"-")
	token := strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	fs := s.filesLocked()
	f, ok := fs.byID[id]
	var content []byte
	var name string
	allowed := ok && f.Completed && token == BotToken && !fs.denyRead && !s.revoked[token]
	if allowed {
		content, name = f.Content, f.Name
		fs.downloads++
	}
	s.mu.Unlock()
	if !allowed {
		http.Redirect(w, req, "/signin?redir="+url.QueryEscape(req.URL.Path), http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", mimeOf(name))
	if req.URL.Query().Get("download") != "" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	_, _ = w.Write(content)
}

// serveSignin is the sign-in page a request without access lands on.
func (s *Server) serveSignin(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, "<!DOCTYPE html><title>Sign in</title><p>Sign in to the workspace to see this file.</p>")
}

// Downloads counts successful private downloads.
func (s *Server) Downloads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.filesLocked().downloads
}
