/**
 * Messages of the transport (api/transport.ts) and its network (api/network.ts): CA
 * bundles, untrusted certificates, proxies, unreachable hosts and deadlines. The
 * `--debug` trace stays English (it quotes the wire).
 */
import type { Catalog } from '../index.js';

export const networkMsg = {
  // network.ts: CA bundles (exit 4, before anything is sent)
  caBundle: { en: 'the CA bundle', zh: 'CA 证书包' },
  bundleUnreadable: {
    en: '{what} {path} cannot be read ({cause}); nothing was sent',
    zh: '无法读取 {what} {path}（{cause}）；未发送任何请求',
  },
  bundleNoPem: {
    en: '{what} {path} holds no PEM certificate; nothing was sent',
    zh: '{what} {path} 中没有 PEM 证书；未发送任何请求',
  },
  bundleBadCert: {
    en: '{what} {path} has an invalid certificate (the {nth}); nothing was sent',
    zh: '{what} {path} 中的第 {nth} 个证书无效；未发送任何请求',
  },
  bundleHint: {
    en: 'Give a PEM file of CA certificates (-----BEGIN CERTIFICATE-----) with --ca-bundle, caBundle in the profile, or NODE_EXTRA_CA_CERTS.',
    zh: '请通过 --ca-bundle、配置档中的 caBundle 或 NODE_EXTRA_CA_CERTS 提供 PEM 格式的 CA 证书文件（-----BEGIN CERTIFICATE-----）。',
  },

  // transport.ts: the answer
  tooLarge: {
    en: 'the response to {method} {path} is larger than {max} bytes',
    zh: '对 {method} {path} 的响应超过 {max} 字节',
  },
  unreachable: {
    en: 'could not reach {host} ({cause})',
    zh: '无法连接 {host}（{cause}）',
  },
  unreachableAfter: {
    en: 'could not reach {host} ({cause}) after {n} attempts',
    zh: '尝试 {n} 次后仍无法连接 {host}（{cause}）',
  },
  // transport.ts: the deadline (the waiter's --timeout)
  cutNoAnswer: {
    en: '{method} {path} got no answer in the {ms} ms left before the deadline',
    zh: '{method} {path} 在截止时间前剩余的 {ms} 毫秒内没有收到响应',
  },
  cutNoBody: {
    en: '{method} {path} got the response headers and then no body in the {ms} ms left before the deadline',
    zh: '{method} {path} 在截止时间前剩余的 {ms} 毫秒内只收到了响应头，没有收到响应体',
  },
  notSentBefore: {
    en: '{method} {path} was not sent: the deadline passed before it could be sent',
    zh: '{method} {path} 未发送：在能够发送之前已过截止时间',
  },
  notSentQueued: {
    en: '{method} {path} was not sent: the deadline passed while it waited for a free connection',
    zh: '{method} {path} 未发送：在等待空闲连接时已过截止时间',
  },
  interrupted: { en: 'interrupted', zh: '已中断' },

  // transport.ts: TLS (exit 4, nothing sent)
  tlsAltName: {
    en: 'cannot trust {host}: its certificate is not for that name ({code}); nothing was sent',
    zh: '无法信任 {host}：其证书不是为该名称签发的（{code}）；未发送任何请求',
  },
  tlsValidity: {
    en: "cannot trust {host}: its certificate is outside its validity period ({code}); check this machine's clock; nothing was sent",
    zh: '无法信任 {host}：其证书不在有效期内（{code}）；请检查本机时钟；未发送任何请求',
  },
  tlsUntrusted: {
    en: 'cannot trust {host}: its certificate is not signed by a CA this machine trusts ({code}); nothing was sent',
    zh: '无法信任 {host}：其证书不是由本机信任的 CA 签发的（{code}）；未发送任何请求',
  },
  tlsAltNameHint: {
    en: "Use the host name the certificate was issued for (--endpoint, the profile's endpoint).",
    zh: '请使用证书签发时所用的主机名（--endpoint，或配置档中的 endpoint）。',
  },
  tlsHint: {
    en: 'If your network uses a private CA (a TLS-inspecting proxy, a private endpoint), trust it with --ca-bundle FILE, caBundle in the profile, or NODE_EXTRA_CA_CERTS=FILE. sdrs never turns verification off.',
    zh: '如果您的网络使用私有 CA（检查 TLS 流量的代理、私有端点），请通过 --ca-bundle FILE、配置档中的 caBundle 或 NODE_EXTRA_CA_CERTS=FILE 信任它。sdrs 从不关闭证书校验。',
  },

  // transport.ts: proxies
  proxyAuth: {
    en: 'the proxy {proxy} refused its credentials (407 Proxy Authentication Required); nothing was sent',
    zh: '代理 {proxy} 拒绝了其凭证（407 Proxy Authentication Required）；未发送任何请求',
  },
  proxyAuthHint: {
    en: 'Put the proxy user and password in the proxy URL: http://user:password@proxy:port (--proxy, HTTPS_PROXY, or proxy in the profile); percent-encode special characters.',
    zh: '请将代理的用户名和密码写入代理 URL：http://user:password@proxy:port（--proxy、HTTPS_PROXY 或配置档中的 proxy）；特殊字符需进行百分号编码。',
  },
  proxyStatus: {
    en: 'the proxy {proxy} answered {status} when asked to connect to {host}; nothing was sent',
    zh: '请求代理 {proxy} 连接 {host} 时，代理返回 {status}；未发送任何请求',
  },
  proxyStatusAfter: {
    en: 'the proxy {proxy} answered {status} when asked to connect to {host} after {n} attempts; nothing was sent',
    zh: '尝试 {n} 次后，请求代理 {proxy} 连接 {host} 时，代理仍返回 {status}；未发送任何请求',
  },
  proxyStatusHint: {
    en: 'The proxy could not reach the endpoint, or does not allow it. Check the endpoint, or NO_PROXY if it should be reached directly.',
    zh: '代理无法连接该端点，或不允许连接。请检查端点；如果应直接连接该端点，请检查 NO_PROXY。',
  },
  proxyDown: {
    en: 'could not reach the proxy {proxy} ({cause}); nothing was sent',
    zh: '无法连接代理 {proxy}（{cause}）；未发送任何请求',
  },
  proxyDownAfter: {
    en: 'could not reach the proxy {proxy} ({cause}) after {n} attempts; nothing was sent',
    zh: '尝试 {n} 次后仍无法连接代理 {proxy}（{cause}）；未发送任何请求',
  },
  proxyDownHint: {
    en: 'Check the proxy (--proxy, HTTPS_PROXY/http_proxy, proxy in the profile), or --proxy none to go direct.',
    zh: '请检查代理（--proxy、HTTPS_PROXY/http_proxy、配置档中的 proxy），或使用 --proxy none 直接连接。',
  },
} as const satisfies Catalog;
