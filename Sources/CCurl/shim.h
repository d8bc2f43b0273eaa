// Typed wrappers around libcurl's variadic entry points, which Swift cannot call.
// Each wrapper passes exactly the argument type the option documents.
#ifndef FINRCA_CCURL_SHIM_H
#define FINRCA_CCURL_SHIM_H

#include <curl/curl.h>

/// curl_global_init(CURL_GLOBAL_DEFAULT); CURL_GLOBAL_DEFAULT is a macro Swift does not import.
static inline CURLcode finrca_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// Options of type `char *` (libcurl copies the string).
static inline CURLcode finrca_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options of type `long`.
static inline CURLcode finrca_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options of type `void *` / `char *` buffers kept alive by the caller (CURLOPT_READDATA, CURLOPT_ERRORBUFFER, ...).
static inline CURLcode finrca_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Options of type `struct curl_slist *` (CURLOPT_MAIL_RCPT, ...); the list must outlive the transfer.
static inline CURLcode finrca_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_READFUNCTION.
static inline CURLcode finrca_curl_setopt_readfunction(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// CURLOPT_XFERINFOFUNCTION.
static inline CURLcode finrca_curl_setopt_xferinfofunction(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// curl_easy_getinfo for `long` results (CURLINFO_RESPONSE_CODE, ...).
static inline CURLcode finrca_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
